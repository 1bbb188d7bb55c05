#!/usr/bin/env node
// A real SMTP server for tests (smtp-server from nodemailer) on loopback, with the received mail
// readable as JSON over HTTP. Recipients starting with "refuse" are refused with 550, as a real
// server refuses an unknown mailbox, so the sender's failure path can be tested.
// Usage: node smtp.js   (prints "ready SMTP_PORT HTTP_PORT" once both listen)
"use strict";
const http = require("http");
const { SMTPServer } = require("smtp-server");
const { simpleParser } = require("mailparser");

const received = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onRcptTo(address, session, callback) {
    if (address.address.toLowerCase().startsWith("refuse")) {
      const err = new Error("5.1.1 mailbox unavailable");
      err.responseCode = 550;
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    simpleParser(stream).then(mail => {
      received.push({
        from: mail.from ? mail.from.text : null,
        to: (session.envelope.rcptTo || []).map(r => r.address),
        subject: mail.subject || null,
        messageId: mail.messageId || null,
        inReplyTo: mail.inReplyTo || null,
        references: [].concat(mail.references || []),
        text: mail.text || null,
        html: mail.html || null,
      });
      callback();
    }, callback);
  },
});

const api = http.createServer((req, res) => {
  if (req.method === "DELETE") received.length = 0;
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(req.method === "DELETE" ? [] : received));
});

smtp.listen(0, "127.0.0.1", () => {
  api.listen(0, "127.0.0.1", () => {
    console.log(`ready ${smtp.server.address().port} ${api.address().port}`);
  });
});
