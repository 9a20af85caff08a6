// The II client protocol, seen from the identity provider's window (dfinity/internet-identity docs/ii-spec.mdx):
// tell the opener we are ready, receive its session key, let the person choose an identity, and post back a
// delegation that this origin's server signed. The page never holds a user key.

const status = document.getElementById('status');
const list = document.getElementById('identities');
const noIdentities = document.getElementById('no-identities');
const createForm = document.getElementById('create-form');
const nameInput = document.getElementById('identity-name');
const cancelButton = document.getElementById('cancel');

/** The app's pending `authorize-client` request: its message, and where to answer. */
let request;
let identities = [];
let busy = false;

function say(text) {
  status.textContent = text;
}

async function api(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const json = await response.json();
  if (!response.ok) throw new Error(json.error || response.statusText);
  return json;
}

function render() {
  list.replaceChildren(
    ...identities.map((identity) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Continue as ' + identity.name + ' (#' + identity.number + ')';
      // Without an app waiting there is nothing to sign in to; creating identities still works.
      button.disabled = !request || busy;
      button.addEventListener('click', () => void signIn(identity));
      const item = document.createElement('li');
      item.append(button);
      return item;
    }),
  );
  noIdentities.hidden = identities.length > 0;
  cancelButton.hidden = !request;
}

function answer(message) {
  request.source.postMessage(message, request.origin);
  request = undefined;
  render();
}

async function signIn(identity) {
  if (!request || busy) return;
  busy = true;
  render();
  say('Signing in as ' + identity.name + '…');
  try {
    const chain = await api('/ii/authorize', {
      identityNumber: identity.number,
      clientOrigin: request.origin,
      derivationOrigin: request.data.derivationOrigin,
      sessionPublicKey: toHex(request.data.sessionPublicKey),
      maxTimeToLive: request.data.maxTimeToLive === undefined ? undefined : String(request.data.maxTimeToLive),
    });
    // postMessage carries Uint8Array and bigint as they are, which is what the auth client expects.
    answer({
      kind: 'authorize-client-success',
      delegations: chain.delegations.map(({ delegation, signature }) => ({
        delegation: { pubkey: fromHex(delegation.pubkey), expiration: BigInt('0x' + delegation.expiration) },
        signature: fromHex(signature),
      })),
      userPublicKey: fromHex(chain.publicKey),
      authnMethod: 'passkey',
    });
    say('Signed in as ' + identity.name + '. You can close this window.');
  } catch (error) {
    // Keep the request: the person can try again, pick another identity, or cancel.
    say('Could not sign in: ' + error.message);
  } finally {
    busy = false;
    render();
  }
}

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const identity = await api('/ii/identities', { name: nameInput.value });
    identities.push(identity);
    createForm.reset();
    render();
    // Like II after registering: go straight on to the app that asked.
    if (request) await signIn(identity);
    else say('Created ' + identity.name + ' (#' + identity.number + ').');
  } catch (error) {
    say('Could not create the identity: ' + error.message);
  }
});

cancelButton.addEventListener('click', () => {
  if (!request) return;
  answer({ kind: 'authorize-client-failure', text: 'The person cancelled the sign-in.' });
  say('Sign-in cancelled. You can close this window.');
});

window.addEventListener('message', (event) => {
  if (event.source !== window.opener || !event.data || event.data.kind !== 'authorize-client') return;
  const key = event.data.sessionPublicKey;
  if (!(key instanceof Uint8Array || key instanceof ArrayBuffer)) {
    event.source.postMessage({ kind: 'authorize-client-failure', text: 'sessionPublicKey must be bytes' }, event.origin);
    return;
  }
  request = { data: event.data, origin: event.origin, source: event.source };
  say('Choose an identity to sign in to ' + (event.data.derivationOrigin || event.origin) + '.');
  render();
});

function toHex(bytes) {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function fromHex(hex) {
  return new Uint8Array(hex.match(/../g).map((pair) => parseInt(pair, 16)));
}

async function start() {
  try {
    identities = (await api('/ii/identities')).identities;
  } catch (error) {
    say('Could not load identities: ' + error.message);
    return;
  }
  render();
  if (!window.opener) {
    say('Open this page from an app to sign in. You can create identities here.');
    return;
  }
  say('Waiting for the app…');
  // The app checks our origin; we learn its origin from its answer, so "*" here reveals nothing.
  window.opener.postMessage({ kind: 'authorize-ready' }, '*');
}

void start();
