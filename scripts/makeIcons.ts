import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Draws the app's two Teams icons: color.png (192x192, full colour) and outline.png (32x32,
 * white on transparent), a shield with a tick. Run once; the PNGs are committed.
 */

type Point = [number, number];

const SHIELD: Point[] = (() => {
  const pts: Point[] = [
    [0.2, 0.14],
    [0.5, 0.06],
    [0.8, 0.14],
    [0.8, 0.5],
  ];
  for (let i = 1; i <= 16; i++) {
    const t = i / 16;
    pts.push([0.8 - 0.3 * t, 0.5 + 0.42 * Math.sin((t * Math.PI) / 2)]);
  }
  for (let i = 1; i <= 16; i++) {
    const t = i / 16;
    pts.push([0.5 - 0.3 * t, 0.92 - 0.42 * (1 - Math.cos((t * Math.PI) / 2))]);
  }
  return pts;
})();

function inside(poly: Point[], x: number, y: number): boolean {
  let hit = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i] as Point;
    const [xj, yj] = poly[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

function distToSegment(px: number, py: number, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const TICK: [Point, Point][] = [
  [
    [0.36, 0.5],
    [0.46, 0.61],
  ],
  [
    [0.46, 0.61],
    [0.66, 0.38],
  ],
];
const onTick = (x: number, y: number, width: number) =>
  TICK.some(([a, b]) => distToSegment(x, y, a, b) < width);

/** Coverage of a pixel by a shape, by 4x4 supersampling. */
function coverage(
  size: number,
  px: number,
  py: number,
  shape: (x: number, y: number) => boolean,
): number {
  let n = 0;
  for (let sy = 0; sy < 4; sy++)
    for (let sx = 0; sx < 4; sx++)
      if (shape((px + (sx + 0.5) / 4) / size, (py + (sy + 0.5) / 4) / size)) n++;
  return n / 16;
}

function draw(
  size: number,
  pixel: (x: number, y: number) => [number, number, number, number],
): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

const ACCENT: [number, number, number] = [0x1f, 0x5c, 0x7a];
const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

const color = draw(192, (x, y) => {
  const shield = coverage(192, x, y, (u, v) => inside(SHIELD, u, v));
  const tick = coverage(192, x, y, (u, v) => onTick(u, v, 0.045));
  // Accent background, white shield, accent tick.
  const white = shield * (1 - tick);
  return [mix(ACCENT[0], 255, white), mix(ACCENT[1], 255, white), mix(ACCENT[2], 255, white), 255];
});

const outline = draw(32, (x, y) => {
  const ring = coverage(
    32,
    x,
    y,
    (u, v) =>
      inside(SHIELD, u, v) &&
      !inside(
        SHIELD.map(([a, b]) => [0.5 + (a - 0.5) * 0.78, 0.5 + (b - 0.5) * 0.8] as Point),
        u,
        v,
      ),
  );
  const tick = coverage(32, x, y, (u, v) => onTick(u, v, 0.06));
  const alpha = Math.min(1, ring + tick);
  return [255, 255, 255, Math.round(alpha * 255)];
});

writeFileSync('appPackage/color.png', color);
writeFileSync('appPackage/outline.png', outline);
console.log('wrote appPackage/color.png and appPackage/outline.png');
