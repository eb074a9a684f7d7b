// Source addresses on the loopback network (127.0.0.0/8): every customer and every agent connects from its own,
// as real customers come from many addresses (and the server's per-address limits apply as they would).

/** Customers use 127.10.0.1 … upwards, 250 per /24; agents 127.9.0.1 …; never outside 127.0.0.0/8. */
function address(second: number, index: number): string {
  const block = Math.floor(index / 250);
  if (block > 255 * 256) throw new Error(`no loopback address left for index ${index}`);
  return `127.${second + (block >> 8)}.${block & 255}.${(index % 250) + 1}`;
}

/** The source address of customer `index` (0-based, unique across all load processes). */
export const customerAddress = (index: number): string => address(10, index);

/** The source address of agent `index` (0-based, unique across all load processes). */
export const agentAddress = (index: number): string => address(9, index);
