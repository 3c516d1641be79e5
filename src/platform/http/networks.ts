// Client networks as CIDR blocks: the staff IP allow-list (the LGWAN-terminal rule) and the networks
// that may read /metrics (issue #11 §5) use the same matching.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** Whether `entry` is an IP address or a CIDR block (10.20.0.0/16, 2001:db8::/32). */
export function isCidr(entry: string): boolean {
  const [address = '', bits, extra] = entry.split('/');
  const max = isIPv4(address) ? 32 : isIPv6(address) ? 128 : 0;
  return max > 0 && extra === undefined && (bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= max));
}

/** Whether `ip` is inside one of the CIDR blocks (IPv4 or IPv6). Bad entries never match. */
export function isIpAllowed(ip: string, cidrs: readonly string[]): boolean {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address, bits] = cidr.split('/');
    if (!address) continue;
    const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
    if (!type) continue;
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  const normalised = ip.startsWith('::ffff:') && isIPv4(ip.slice(7)) ? ip.slice(7) : ip;
  return list.check(normalised, isIPv4(normalised) ? 'ipv4' : 'ipv6');
}
