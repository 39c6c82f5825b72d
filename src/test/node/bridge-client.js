'use strict';
// A Node.js service using the official Vert.x client against a node's SockJS bridge, as
// SockJsBridgeNodeClientTest runs it:
//   node bridge-client.js <bridge url> <token> <user id> [sockjs transport, e.g. xhr-polling]
// It prints one JSON object: what each step answered. It exits by itself within 20 s.
const http = require('http');
const EventBus = require('@vertx/eventbus-bridge-client.js');

// vertx-web's SockJS closes the connection after each response of a polling or streaming
// transport without a "Connection: close"; Node (19 and later) keeps connections alive by
// default and would send the next XHR on the closing one ("socket hang up"). No keep-alive, then.
http.globalAgent = new http.Agent({ keepAlive: false });

const [url, token, userId, transport] = process.argv.slice(2);
const options = transport ? { transports: [transport] } : {};
const result = {};

const deadline = setTimeout(() => {
  result.timedOut = true;
  finish(2);
}, 20000);

function finish(code) {
  clearTimeout(deadline);
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(code);
}

/** An open event bus whose messages carry these headers; unaddressed errors are collected. */
function open(headers) {
  return new Promise((resolve, reject) => {
    const eb = new EventBus(url, options);
    eb.defaultHeaders = headers;
    eb.unaddressed = [];
    eb.onerror = err => {
      eb.unaddressed.push(err);
      if (eb.onUnaddressed) eb.onUnaddressed(err);
    };
    eb.onopen = () => resolve(eb);
    eb.onclose = e => reject(new Error('closed before it opened: ' + (e && e.code) + ' ' + (e && e.reason)));
  });
}

/** The reply body, or the error the reply callback got ({failureCode, failureType, message}). */
function request(eb, address, body, headers) {
  return new Promise(resolve => {
    eb.send(address, body, headers || {}, (err, reply) => resolve(err ? { error: err } : { body: reply.body }));
  });
}

function nextUnaddressed(eb) {
  return new Promise(resolve => { eb.onUnaddressed = resolve; });
}

async function main() {
  const eb = await open({ 'bridge-token': token });
  const key = 'node-client-lock-' + process.pid;
  result.acquire = await request(eb, 'cachify.lock.acquire', { key, expMs: 10000 });
  const lockToken = result.acquire.body && result.acquire.body.token;
  result.statusWhileHeld = await request(eb, 'cachify.lock.status', { key });
  result.release = await request(eb, 'cachify.lock.release', { key, token: lockToken });
  result.usersGet = await request(eb, 'users.get', { id: Number(userId) });
  result.internalUsersGet = await request(eb, 'internal.users.get', { id: Number(userId) });
  result.badHeader = await request(eb, 'cachify.lock.status', { key }, { attempt: 2 });
  const refusedPublish = nextUnaddressed(eb);
  eb.publish('cachify.lock.status', { key });
  result.publish = await refusedPublish;
  eb.close();

  const anonymous = await open({});
  result.missingToken = await request(anonymous, 'cachify.lock.status', { key });
  anonymous.close();
  const impostor = await open({ 'bridge-token': 'not-the-token-at-all' });
  result.wrongToken = await request(impostor, 'cachify.lock.status', { key });
  impostor.close();
  finish(0);
}

main().catch(err => {
  result.failure = String(err && err.stack || err);
  finish(1);
});
