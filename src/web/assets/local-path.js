// Whether a `next` (where to go after a sign-in or a language switch) stays on this site. One
// implementation for the server (imported by its TypeScript) and the browser (served from
// /assets/ and imported by resident-login.js), so the two can never disagree (issue #11, point 1).
//
// Browsers are lenient with addresses: they drop tabs and newlines, read "\" as "/", and take
// "//host" as another site. So a value is local only when, even fully percent-decoded (however
// often it was encoded), it is "/" followed by a path character, with no "//" or "/\" at the
// start and no control, whitespace or backslash anywhere. As sent, it must be printable ASCII:
// what a browser puts in an address, and what an HTTP Location header can carry.

const MAX_LENGTH = 2048;
const MAX_DECODES = 4;
/** After the leading "/": RFC 3986's path characters (with "%" of an escape), or "?" or "#". */
const SECOND = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%?#]$/;
/** Controls, every Unicode space, the bidirectional and zero-width marks, and the backslash. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

/** @param {string} form */
function isLocalForm(form) {
  return form.charAt(0) === '/' && (form.length === 1 || SECOND.test(form.charAt(1))) && !UNSAFE.test(form);
}

/**
 * @param {unknown} value
 * @returns {value is string}
 */
export function isLocalPath(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return false;
  if (!/^[\x21-\x7e]+$/.test(value)) return false;
  // Every form on the way must be local, not only the last: another server may decode fewer times.
  let form = value;
  for (let round = 0; round <= MAX_DECODES; round += 1) {
    if (!isLocalForm(form)) return false;
    let decoded;
    try {
      decoded = decodeURIComponent(form);
    } catch {
      return false;
    }
    if (decoded === form) return true;
    form = decoded;
  }
  return false;
}

/**
 * `value` when it is a local path, else `fallback`.
 * @param {unknown} value
 * @param {string} [fallback]
 * @returns {string}
 */
export function safeLocalPath(value, fallback = '/') {
  return isLocalPath(value) ? value : fallback;
}
