/** The embed link (src/app/embed.ts): what it reads, what it reports, and the code it gives. */
import { describe, expect, it } from 'vitest';
import { EMBED_KEYS, HEIGHT_MESSAGE, embedQuery, embedSnippet, readEmbed, withoutEmbed } from '../../src/app/embed';
import { URL_OWNERS } from '../../src/experiments';

describe('readEmbed', () => {
  it('reads a figure id and the flags, with their defaults', () => {
    const { embed, problems } = readEmbed('?n=6&embed=at-a-glance.wtw-bias');
    expect(problems).toEqual([]);
    expect(embed).toMatchObject({ figure: 'at-a-glance.wtw-bias', controls: false, caption: true, backLink: true });
    expect(embed?.experiment.id).toBe('at-a-glance');
    expect(embed).toMatchObject({ from: 0, to: null });
    const all = readEmbed('?embed=geometry.geometry-dims-per-feature&controls=1&caption=0&link=false&from=200&to=900');
    expect(all.problems).toEqual([]);
    expect(all.embed).toMatchObject({ controls: true, caption: false, backLink: false, from: 200, to: 900 });
  });

  it('names the experiments when the id names none, and the form when it names no figure', () => {
    const none = readEmbed('?embed=nope.chart');
    expect(none.embed).toBeNull();
    expect(none.problems[0]).toMatch(
      /^embed="nope\.chart": no experiment "nope" \(there are at-a-glance, phase-change,/,
    );
    for (const id of ['at-a-glance', 'at-a-glance.', '.wtw-bias']) {
      const bad = readEmbed(`?embed=${id}`);
      expect(bad.embed, id).toBeNull();
      expect(bad.problems.join(), id).toMatch(/<experiment>\.<figure>|no experiment ""/);
    }
  });

  it('reports a bad flag or step and uses the default', () => {
    const { embed, problems } = readEmbed('?embed=at-a-glance.loss-curve&controls=yes&from=-3&to=2.5&caption=NaN');
    expect(embed).toMatchObject({ controls: false, caption: true, from: 0, to: null });
    expect(problems).toEqual([
      'from="-3": not a step from 0 to 1,000,000',
      'to="2.5": not a step from 0 to 1,000,000',
      'controls="yes": not 0 or 1 (used 0)',
      'caption="NaN": not 0 or 1 (used 1)',
    ]);
    const backwards = readEmbed('?embed=at-a-glance.loss-curve&from=900&to=300');
    expect(backwards.embed).toMatchObject({ from: 0, to: 300 });
    expect(backwards.problems).toEqual(['from=900 is after to=300 (drawn from the start instead)']);
    expect(readEmbed('?embed=at-a-glance.loss-curve&to=0').problems).toEqual([
      'to=0: a run trains at least one step (ignored)',
    ]);
  });

  it('reports embed flags on the full page, where they mean nothing', () => {
    expect(readEmbed('?controls=1&n=5')).toEqual({
      embed: null,
      problems: ['controls: only means something with embed=<figure>'],
    });
  });

  it('uses keys no experiment owns', () => {
    for (const key of EMBED_KEYS) expect(URL_OWNERS.has(key), key).toBe(false);
  });
});

describe('the embed link in the address bar and in the code', () => {
  it('writes back what it read, in a fixed order, and the full page drops it', () => {
    const { embed } = readEmbed('?to=900&caption=0&embed=at-a-glance.wtw-bias&controls=1&link=0&from=100');
    expect(embedQuery(embed)).toBe('embed=at-a-glance.wtw-bias&controls=1&caption=0&link=0&from=100&to=900');
    expect(embedQuery(readEmbed('?embed=at-a-glance.wtw-bias').embed)).toBe('embed=at-a-glance.wtw-bias');
    expect(embedQuery(null)).toBe('');
    expect(withoutEmbed('?n=6&embed=a.b&controls=1&densities=0.1,0.2')).toBe('n=6&densities=0.1,0.2');
  });

  it('gives an iframe of the settings on screen and a listener that sizes it', () => {
    const code = embedSnippet(
      'https://x.org/tms/',
      '?n=6&embed=old.one&densities=0.1,0.2',
      'geometry.wtw',
      'Say "hi" <3',
    );
    const src = /<iframe src="([^"]+)"/.exec(code)![1];
    expect(src).toBe('https://x.org/tms/?n=6&amp;densities=0.1,0.2&amp;embed=geometry.wtw');
    expect(code).toContain('title="Say &quot;hi&quot; &lt;3"');
    expect(code).toContain(`e.data.type==='${HEIGHT_MESSAGE}'`);
    expect(code).toContain('f.contentWindow===e.source');
  });
});
