#!/usr/bin/env bash
# Posts the web form as a browser does: multipart/form-data with a screenshot (PNG, JPEG or WebP, ≤ 5 MiB).
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:7071/api}
shot=$(mktemp --suffix=.png)
trap 'rm -f "$shot"' EXIT
# A 1×1 PNG; any real screenshot works the same way.
base64 -d > "$shot" <<<'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='
curl -sS -i -X POST "$BASE/channels/webform" \
  -F 'content=支付页面一直转圈，截图里是报错信息' -F 'name=张三' -F 'contact=13812345678' \
  -F "screenshot=@$shot;type=image/png"
echo
