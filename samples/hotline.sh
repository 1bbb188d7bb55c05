#!/usr/bin/env bash
# Posts a signed call record to the hotline webhook, as a call-centre system would.
# SECRET must match the host's Channels:Secrets:hotline; URL defaults to the local host.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/hotline}
SECRET=${SECRET:?set SECRET to the hotline channel secret}
body=$(cat <<JSON
{"callId":"C$(date +%Y%m%d%H%M%S)","callerNumber":"13812345678","callerName":"王小明",
 "startedAt":"$(date -u -d '-7 min' +%FT%TZ)","endedAt":"$(date -u +%FT%TZ)","ivrChoice":"投诉",
 "agentNotes":"客户反映上周报修的冰箱至今无人上门，要求尽快安排","satisfactionKey":3,
 "recordingUrl":"https://recordings.example.com/demo.mp3"}
JSON
)
ts=$(date +%s)
sig=$(printf '%s.%s' "$ts" "$body" | openssl dgst -sha256 -hmac "$SECRET" | awk '{print $NF}')
curl -sS -i -X POST "$URL" -H 'Content-Type: application/json' \
  -H "X-Feedback-Timestamp: $ts" -H "X-Feedback-Signature: sha256=$sig" --data-binary "$body"
echo
