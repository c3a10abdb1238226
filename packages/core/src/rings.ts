/**
 * Even-odd ray casting: whether a point lies inside one ring. Coordinates are [lng, lat].
 * No imports, so the console's map can use it without bundling zod.
 */
export function isInRing(
  point: readonly [number, number] | readonly number[],
  ring: readonly (readonly number[])[],
): boolean {
  const [x = 0, y = 0] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
