// The speed control's protocol side: a `pace` message slows the worker's chunk loop to about that many steps
// per second, for every later run, and `null` lifts it.
import { afterEach, describe, expect, it } from 'vitest';
import { loadMessage, makeHarness, type Harness } from '../../helpers/sessionHarness';

let h: Harness;
afterEach(async () => {
  await h?.session.dispose();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Steps taken over `ms` of training at the current pace (paused after). */
async function stepsOver(ms: number, runId: number): Promise<number> {
  const before = h.session.isRunning;
  expect(before).toBe(false);
  const mark = h.messages.length;
  await h.send({ type: 'start', runId });
  await sleep(ms);
  await h.send({ type: 'pause', runId });
  const last = await h.waitFor('progress', (m) => !m.running, mark);
  return last.step;
}

describe('pace (the speed control)', () => {
  it('20 steps per second takes about 20 steps a second; null trains as fast as it can again', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    await h.send({ type: 'pace', stepsPerSecond: 20 });
    const slow = await stepsOver(1000, 1);
    // A timer-driven loop: a step or two early or late, never hundreds.
    expect(slow).toBeGreaterThanOrEqual(12);
    expect(slow).toBeLessThanOrEqual(26);

    await h.send(loadMessage(2));
    const again = await stepsOver(500, 2);
    expect(again).toBeLessThanOrEqual(14); // the pace outlives a load

    await h.send({ type: 'pace', stepsPerSecond: null });
    await h.send(loadMessage(3));
    const fast = await stepsOver(500, 3);
    expect(fast).toBeGreaterThan(200);
  });

  it('a pace sent while training takes effect at once', async () => {
    h = makeHarness();
    await h.send(loadMessage(1));
    const mark = h.messages.length;
    await h.send({ type: 'start', runId: 1 });
    await h.waitFor('progress', (m) => m.running && m.step > 50, mark);
    await h.send({ type: 'pace', stepsPerSecond: 5 });
    const at = (await h.waitFor('progress', (m) => m.running, h.messages.length)).step;
    await sleep(800);
    const mark2 = h.messages.length;
    await h.send({ type: 'pause', runId: 1 });
    const end = (await h.waitFor('progress', (m) => !m.running, mark2)).step;
    expect(end - at).toBeLessThanOrEqual(8);
  });
});
