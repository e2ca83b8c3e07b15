/** When a change of settings reaches the worker: at once when let go of, once per drag or burst otherwise. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChangeGate } from '../../src/ui/change-gate';

const DEBOUNCE = 150;

/** A gate on a clock the test moves (with the fake timers), and the changes it sent. */
function setup() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  let now = 10_000;
  const gate = new ChangeGate(DEBOUNCE, () => now);
  const sent: string[] = [];
  const submit = (value: string, held = false) => gate.submit(() => sent.push(value), held);
  const wait = (ms: number) => {
    now += ms;
    vi.advanceTimersByTime(ms);
  };
  return { gate, sent, submit, wait };
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.resetModules();
});

describe('change gate', () => {
  it('sends a change let go of (a released slider, a key, a click) at once, each one', () => {
    const { sent, submit, wait } = setup();
    submit('a');
    expect(sent).toEqual(['a']);
    wait(DEBOUNCE);
    submit('b');
    expect(sent).toEqual(['a', 'b']);
  });

  it('holds changes while a pointer is down and sends only the last, once, when the reader lets go', () => {
    const { gate, sent, submit, wait } = setup();
    for (const v of ['1', '2', '3']) {
      submit(v, true);
      wait(20);
    }
    expect(sent).toEqual([]);
    gate.release();
    expect(sent).toEqual(['3']);
    gate.release();
    wait(10 * DEBOUNCE);
    expect(sent).toEqual(['3']);
  });

  it('sends a held change after the drag rests for the debounce', () => {
    const { sent, submit, wait } = setup();
    submit('1', true);
    wait(DEBOUNCE - 1);
    submit('2', true);
    wait(DEBOUNCE - 1);
    expect(sent).toEqual([]);
    wait(1);
    expect(sent).toEqual(['2']);
  });

  it('collapses a quick burst (a held arrow key) after its first change, until it stops or the key comes up', () => {
    const { gate, sent, submit, wait } = setup();
    submit('1');
    wait(30);
    submit('2');
    wait(30);
    submit('3');
    expect(sent).toEqual(['1']);
    gate.release(); // the key comes up
    expect(sent).toEqual(['1', '3']);
    wait(30);
    submit('4'); // still within the debounce of the last change: waits for the pause
    wait(DEBOUNCE);
    expect(sent).toEqual(['1', '3', '4']);
  });

  it('drops a waiting change when cancelled (the run goes away)', () => {
    const { gate, sent, submit, wait } = setup();
    submit('1', true);
    gate.cancel();
    wait(10 * DEBOUNCE);
    gate.release();
    expect(sent).toEqual([]);
  });
});

describe('pointer held and released', () => {
  it('follows pointer presses on the page and tells its listeners when a pointer or key comes up', async () => {
    const document = new EventTarget();
    const window = new EventTarget();
    vi.stubGlobal('document', document);
    vi.stubGlobal('window', window);
    const { onRelease, pointerHeld } = await import('../../src/ui/change-gate');
    const heard: string[] = [];
    const off = onRelease(() => heard.push(pointerHeld() ? 'held' : 'free'));
    expect(pointerHeld()).toBe(false);
    document.dispatchEvent(new Event('pointerdown'));
    expect(pointerHeld()).toBe(true);
    document.dispatchEvent(new Event('pointerup'));
    expect(pointerHeld()).toBe(false);
    document.dispatchEvent(new Event('pointerdown'));
    document.dispatchEvent(new Event('pointercancel'));
    document.dispatchEvent(new Event('keyup'));
    document.dispatchEvent(new Event('pointerdown'));
    window.dispatchEvent(new Event('blur'));
    expect(heard).toEqual(['free', 'free', 'free', 'free']);
    off();
    document.dispatchEvent(new Event('pointerup'));
    expect(heard).toHaveLength(4);
  });
});
