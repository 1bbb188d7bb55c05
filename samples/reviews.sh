#!/usr/bin/env bash
# Posts a signed batch of store reviews, as a review connector would. SECRET = Channels:Secrets:reviews.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/reviews}
SECRET=${SECRET:?set SECRET to the reviews channel secret}
. "$(dirname "$0")/sign.sh"
body=$(mktemp); trap 'rm -f "$body"' EXIT
cat > "$body" <<JSON
{"reviews":[
 {"store":"appstore","app":"1234567890","reviewId":"R$(date +%s)1","rating":1,"title":"太失望了",
  "body":"更新后一直闪退，打开就崩溃","author":"小鱼儿","territory":"CHN","createdAt":"$(date -u -d '-20 hours' +%FT%TZ)"},
 {"store":"googleplay","app":"com.example.shop","reviewId":"R$(date +%s)2","rating":5,
  "body":"Smooth checkout, fast delivery!","author":"Jane D.","territory":"US","createdAt":"$(date -u +%FT%TZ)"}]}
JSON
post_signed "$URL" application/json "$body"
