import { payloadDetails, payloadPreview, replaySummary } from './dead-letters';

describe(payloadPreview.name, () => {
  it('shows JSON compactly and cuts long payloads with an ellipsis', () => {
    expect(payloadPreview('{\n  "accountId": "acc_1",\n  "segments": 2\n}')).toBe(
      '{"accountId":"acc_1","segments":2}',
    );
    const long = payloadPreview(JSON.stringify({ text: 'x'.repeat(500) }), 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith('…')).toBe(true);
  });

  it('shows text that is not JSON as it came, and says when there is none', () => {
    expect(payloadPreview('not json\n at all')).toBe('not json at all');
    expect(payloadPreview('')).toBe('(empty)');
  });
});

describe(payloadDetails.name, () => {
  it('indents JSON and leaves anything else unchanged', () => {
    expect(payloadDetails('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(payloadDetails('{broken')).toBe('{broken');
  });
});

describe(replaySummary.name, () => {
  it('reports a replay that applied everything as a success', () => {
    expect(
      replaySummary({ items: [{ partition: 0, offset: '4', outcome: 'applied' }], applied: 1, failed: 0 }),
    ).toEqual({ tone: 'success', text: '1 of 1 applied.' });
  });

  it('names the records that failed again with their reasons', () => {
    const summary = replaySummary({
      items: [
        { partition: 0, offset: '4', outcome: 'applied' },
        { partition: 1, offset: '7', outcome: 'failed', reason: 'unknown account acc_9' },
      ],
      applied: 1,
      failed: 1,
    });
    expect(summary.tone).toBe('warning');
    expect(summary.text).toBe(
      '1 of 2 applied; 1 still failing and left dead-lettered: 1:7 unknown account acc_9.',
    );
    expect(
      replaySummary({
        items: [{ partition: 0, offset: '1', outcome: 'failed', reason: 'bad' }],
        applied: 0,
        failed: 1,
      }).tone,
    ).toBe('danger');
  });

  it('says when there was nothing to replay', () => {
    expect(replaySummary({ items: [], applied: 0, failed: 0 }).text).toBe('Nothing to replay.');
  });
});
