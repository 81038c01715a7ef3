import sharp from 'sharp';

/** Joins PNG frames, taken `delayMs` apart, into an animated WebP that loops. */
export function animatedWebp(frames: Buffer[], delayMs: number): Promise<Buffer> {
  return sharp(frames, { join: { animated: true } })
    .webp({ delay: frames.map(() => delayMs), loop: 0, quality: 80 })
    .toBuffer();
}
