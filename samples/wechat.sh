#!/usr/bin/env bash
# Plays the WeChat platform: the server-verification handshake, then a pushed text message.
# TOKEN must match the host's Channels:WeChat:Token. The answer is the passive XML reply.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/wechat}
TOKEN=${TOKEN:?set TOKEN to the official account token}
ts=$(date +%s); nonce=$RANDOM$RANDOM
sig=$(printf '%s\n' "$TOKEN" "$ts" "$nonce" | LC_ALL=C sort | tr -d '\n' | sha1sum | awk '{print $1}')
echo "handshake:"; curl -sS "$URL?signature=$sig&timestamp=$ts&nonce=$nonce&echostr=hello-wechat"; echo
body="<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>$ts</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[快递三天了还没发货，什么情况？]]></Content><MsgId>$ts$nonce</MsgId></xml>"
echo "message:"; curl -sS -X POST "$URL?signature=$sig&timestamp=$ts&nonce=$nonce&openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" -H 'Content-Type: text/xml' --data-binary "$body"; echo
