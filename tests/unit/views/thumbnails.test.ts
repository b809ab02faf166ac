// Neuron thumbnails start off on big networks (each is a composited <canvas>), unless the person turns them on.
import { describe, expect, it } from 'vitest';
import { AUTO_THUMBNAILS_MAX, thumbnailsOn } from '@/components/views/viewStore';

describe('thumbnailsOn', () => {
  it('is automatic up to the limit and follows an explicit choice either way', () => {
    expect(thumbnailsOn('auto', 12)).toBe(true);
    expect(thumbnailsOn('auto', AUTO_THUMBNAILS_MAX)).toBe(true);
    expect(thumbnailsOn('auto', AUTO_THUMBNAILS_MAX + 1)).toBe(false);
    expect(thumbnailsOn(true, 500)).toBe(true);
    expect(thumbnailsOn(false, 12)).toBe(false);
  });
});
