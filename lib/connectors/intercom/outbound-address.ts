import { BlockList, isIP } from "node:net";

// Which IP addresses an outbound call may never reach: private networks, loopback, link-local
// (cloud metadata at 169.254.169.254), unique-local, unspecified, multicast and reserved ranges.
// IPv6 forms that embed an IPv4 address (::ffff:127.0.0.1, ::127.0.0.1, 64:ff9b::/96 NAT64,
// 2002::/16 6to4) are judged by the IPv4 address inside them.

const IPV4_RANGES: [string, number, string][] = [
  ["0.0.0.0", 8, "unspecified (0.0.0.0/8)"],
  ["10.0.0.0", 8, "private (10.0.0.0/8)"],
  ["100.64.0.0", 10, "shared address space (100.64.0.0/10)"],
  ["127.0.0.0", 8, "loopback (127.0.0.0/8)"],
  ["169.254.0.0", 16, "link-local (169.254.0.0/16, cloud metadata)"],
  ["172.16.0.0", 12, "private (172.16.0.0/12)"],
  ["192.0.0.0", 24, "IETF protocol assignments (192.0.0.0/24)"],
  ["192.0.2.0", 24, "documentation (192.0.2.0/24)"],
  ["192.168.0.0", 16, "private (192.168.0.0/16)"],
  ["198.18.0.0", 15, "benchmarking (198.18.0.0/15)"],
  ["198.51.100.0", 24, "documentation (198.51.100.0/24)"],
  ["203.0.113.0", 24, "documentation (203.0.113.0/24)"],
  ["224.0.0.0", 4, "multicast (224.0.0.0/4)"],
  ["240.0.0.0", 4, "reserved (240.0.0.0/4)"],
];

const IPV6_RANGES: [string, number, string][] = [
  ["::", 128, "unspecified (::)"],
  ["::1", 128, "loopback (::1)"],
  ["100::", 64, "discard-only (100::/64)"],
  ["2001:db8::", 32, "documentation (2001:db8::/32)"],
  ["fc00::", 7, "unique-local (fc00::/7)"],
  ["fe80::", 10, "link-local (fe80::/10)"],
  ["fec0::", 10, "site-local (fec0::/10)"],
  ["ff00::", 8, "multicast (ff00::/8)"],
];

function blockListOf(ranges: [string, number, string][], type: "ipv4" | "ipv6"): [BlockList, string][] {
  return ranges.map(([network, prefix, reason]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return [list, reason];
  });
}

const IPV4_BLOCKS = blockListOf(IPV4_RANGES, "ipv4");
const IPV6_BLOCKS = blockListOf(IPV6_RANGES, "ipv6");

/** Why an address must not be called ("loopback (127.0.0.0/8)"), or undefined when it is public. */
export function refusedAddressReason(address: string): string | undefined {
  const ip = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const version = isIP(ip);
  if (version === 4) return IPV4_BLOCKS.find(([list]) => list.check(ip, "ipv4"))?.[1];
  if (version !== 6) return `not an IP address (${address})`;
  const embedded = embeddedIpv4(ip);
  if (embedded) {
    const reason = refusedAddressReason(embedded);
    return reason ? `${reason}, inside the IPv6 address ${ip}` : undefined;
  }
  return IPV6_BLOCKS.find(([list]) => list.check(ip, "ipv6"))?.[1];
}

/** The IPv4 address carried by an IPv4-mapped/compatible, NAT64 or 6to4 IPv6 address. */
export function embeddedIpv4(ipv6: string): string | undefined {
  const groups = expandIpv6(ipv6);
  if (!groups) return undefined;
  const v4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const zeros = (from: number, to: number) => groups.slice(from, to).every((g) => g === 0);
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; not :: or ::1, which are their own ranges).
  if (zeros(0, 5) && (groups[5] === 0xffff || (groups[5] === 0 && (groups[6] !== 0 || (groups[7] ?? 0) > 1)))) {
    return v4(groups[6] ?? 0, groups[7] ?? 0);
  }
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return v4(groups[6] ?? 0, groups[7] ?? 0);
  if (groups[0] === 0x2002) return v4(groups[1] ?? 0, groups[2] ?? 0);
  return undefined;
}

/** "::ffff:7f00:1" → eight 16-bit groups; a trailing dotted IPv4 part counts as two groups. */
function expandIpv6(ip: string): number[] | undefined {
  let text = ip.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = "", tail] = text.split("::");
  const part = (s: string) => (s === "" ? [] : s.split(":").map((g) => parseInt(g, 16)));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  return [...front, ...Array<number>(missing).fill(0), ...back];
}
