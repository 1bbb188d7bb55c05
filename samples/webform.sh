#!/usr/bin/env bash
# Posts a complaint through the website form webhook of the local host, then reads the ticket back.
set -euo pipefail
BASE=${BASE:-http://127.0.0.1:7071/api}
location=$(curl -sS -D - -o /dev/null -X POST "$BASE/channels/webform" -H 'Content-Type: application/json' \
  -d '{"content":"我的订单支付失败了，钱已经扣了但订单没有生成，太差了！","name":"张三","contact":"13812345678"}' \
  | awk -F': ' 'tolower($1)=="location"{print $2}' | tr -d '\r')
echo "ticket: $location"
sleep 1
curl -sS "http://127.0.0.1:7071$location"
echo
