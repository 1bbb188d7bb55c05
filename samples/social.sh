#!/usr/bin/env bash
# Posts a signed mention from a social-listening tool. SECRET = Channels:Secrets:social.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/social}
SECRET=${SECRET:?set SECRET to the social channel secret}
. "$(dirname "$0")/sign.sh"
body=$(mktemp); trap 'rm -f "$body"' EXIT
cat > "$body" <<JSON
{"platform":"微博","postId":"P$(date +%s)","author":"数码小王子",
 "text":"#避雷# 新买的扫地机器人用了三天就坏了，客服还一直推诿","url":"https://weibo.com/1234567890/Nabc123",
 "reach":{"followers":182000,"reposts":356,"comments":120,"likes":980},"postedAt":"$(date -u +%FT%TZ)"}
JSON
post_signed "$URL" application/json "$body"
