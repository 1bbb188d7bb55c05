#!/usr/bin/env bash
# Plays the WeChat platform: the server-verification handshake, then a pushed text message.
# TOKEN must match the host's Channels:WeChat:Token. The answer is the passive XML reply.
# With AES_KEY and APP_ID (the host's Channels:WeChat:EncodingAesKey and :AppId) the push is sealed
# as in 安全模式, and the sealed reply is opened and printed too.
set -euo pipefail
URL=${URL:-http://127.0.0.1:7071/api/channels/wechat}
TOKEN=${TOKEN:?set TOKEN to the official account token}
ts=$(date +%s); nonce=$RANDOM$RANDOM
sha1_sorted() { printf '%s\n' "$@" | LC_ALL=C sort | tr -d '\n' | sha1sum | awk '{print $1}'; }
sig=$(sha1_sorted "$TOKEN" "$ts" "$nonce")
echo "handshake:"; curl -sS "$URL?signature=$sig&timestamp=$ts&nonce=$nonce&echostr=hello-wechat"; echo
body="<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><FromUserName><![CDATA[oUpF8uMuAJO_M2pxb1Q9zNjWeS6o]]></FromUserName><CreateTime>$ts</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[快递三天了还没发货，什么情况？]]></Content><MsgId>$ts$nonce</MsgId></xml>"
query="signature=$sig&timestamp=$ts&nonce=$nonce&openid=oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"

if [ -z "${AES_KEY:-}" ]; then
  echo "message:"; curl -sS -X POST "$URL?$query" -H 'Content-Type: text/xml' --data-binary "$body"; echo
  exit 0
fi

# AES-256-CBC, key = base64(AES_KEY + "="), IV = its first 16 bytes; plaintext = 16 random bytes,
# the message length (4 bytes, big-endian), the message, the AppId; PKCS#7 padded to 32-byte blocks.
APP_ID=${APP_ID:?set APP_ID with AES_KEY}
key=$(printf '%s=' "$AES_KEY" | base64 -d | xxd -p -c 64); iv=${key:0:32}
seal() {
  local tmp; tmp=$(mktemp)
  head -c 16 /dev/urandom > "$tmp"
  printf '%08x' "$(printf '%s' "$1" | wc -c)" | xxd -r -p >> "$tmp"
  printf '%s%s' "$1" "$APP_ID" >> "$tmp"
  local pad=$(( 32 - $(wc -c < "$tmp") % 32 ))
  for _ in $(seq "$pad"); do printf "\\x$(printf '%02x' "$pad")"; done >> "$tmp"
  openssl enc -aes-256-cbc -nopad -K "$key" -iv "$iv" -in "$tmp" | base64 -w0
  rm -f "$tmp"
}
encrypted=$(seal "$body")
msg_sig=$(sha1_sorted "$TOKEN" "$ts" "$nonce" "$encrypted")
echo "sealed message:"
reply=$(curl -sS -X POST "$URL?$query&encrypt_type=aes&msg_signature=$msg_sig" -H 'Content-Type: text/xml' \
  --data-binary "<xml><ToUserName><![CDATA[gh_0a1b2c3d4e5f]]></ToUserName><Encrypt><![CDATA[$encrypted]]></Encrypt></xml>")
echo "$reply"
sealed=$(printf '%s' "$reply" | sed -n 's/.*<Encrypt><!\[CDATA\[\([^]]*\)\]\]>.*/\1/p')
[ -n "$sealed" ] || exit 0
echo "the reply, opened:"
printf '%s' "$sealed" | base64 -d | openssl enc -d -aes-256-cbc -nopad -K "$key" -iv "$iv" | tail -c +21 | tr -d '\000-\037' ; echo
