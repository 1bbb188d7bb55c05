#!/usr/bin/env bash
# Posts one raw e-mail (message/rfc822) as an inbound-mail relay would. SECRET = Channels:Secrets:email.
# Send a second mail with "In-Reply-To: <the first Message-ID>" and it joins the first one's ticket.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/email}
SECRET=${SECRET:?set SECRET to the email channel secret}
. "$(dirname "$0")/sign.sh"
mail=$(mktemp); trap 'rm -f "$mail"' EXIT
printf '%s\r\n' \
  'From: =?UTF-8?B?5p2O5Zub?= <lisi@example.cn>' \
  'To: complaints@company.example' \
  'Subject: =?UTF-8?B?6YCA5qy+6L+f6L+f5LiN5Yiw6LSm?=' \
  "Date: $(date -R)" \
  "Message-ID: <$(date +%s).$$@mail.example.cn>" \
  'MIME-Version: 1.0' \
  'Content-Type: text/html; charset=utf-8' \
  '' \
  '<p>我 11 月 10 日申请的退款到现在还没到账，客服电话一直打不通。</p><p>请尽快处理。</p>' > "$mail"
post_signed "$URL" message/rfc822 "$mail"
