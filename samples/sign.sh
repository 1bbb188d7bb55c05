#!/usr/bin/env bash
# Shared by the signed samples: post_signed URL CONTENT_TYPE BODY_FILE, with SECRET set.
# X-Feedback-Signature is sha256=hex(HMAC-SHA256(SECRET, "<timestamp>.<body bytes>")).
post_signed() {
  local url=$1 type=$2 file=$3 ts sig
  ts=$(date +%s)
  sig=$( { printf '%s.' "$ts"; cat "$file"; } | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')
  curl -sS -i -X POST "$url" -H "Content-Type: $type" \
    -H "X-Feedback-Timestamp: $ts" -H "X-Feedback-Signature: sha256=$sig" --data-binary "@$file"
  echo
}
