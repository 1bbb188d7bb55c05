#!/usr/bin/env bash
# Posts a signed survey answer. With TICKET=FB-… it rates that ticket; without, its text is new feedback.
# SECRET = Channels:Secrets:survey.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/survey}
SECRET=${SECRET:?set SECRET to the survey channel secret}
. "$(dirname "$0")/sign.sh"
body=$(mktemp); trap 'rm -f "$body"' EXIT
ticket=${TICKET:+\"ticketNumber\":\"$TICKET\",}
cat > "$body" <<JSON
{"surveyId":"S-2026-11","responseId":"R$(date +%s)",$ticket
 "ratings":{"easeOfUse":4,"attitude":2,"resolutionEfficiency":2},"text":"客服态度还行，但处理太慢"}
JSON
post_signed "$URL" application/json "$body"
