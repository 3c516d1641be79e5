// How pages write values for people in Japan.

const JST = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

/** A time in Japan time to the minute, as staff pages show it: 2026-11-21 09:30. */
export function formatJst(value: Date | null | undefined): string {
  return value ? JST.format(value) : '';
}
