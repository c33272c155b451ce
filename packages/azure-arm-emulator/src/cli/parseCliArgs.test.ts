import { parseCliArgs } from './parseCliArgs';

describe('parseCliArgs', () => {
  it('reads every option', () => {
    expect(
      parseCliArgs([
        '--snapshot',
        's.json',
        '--port',
        '8443',
        '--page-size',
        '50',
        '--faults',
        'latency:ms=5',
        '--latency-ms',
        '100',
        '--log',
        'r.jsonl',
        '--cert-out',
        'ca.pem',
        '--client',
        'app:se:cret',
        '--client',
        'b:c',
      ]),
    ).toEqual({
      snapshot: 's.json',
      port: 8443,
      pageSize: 50,
      faults: [expect.objectContaining({ kind: 'latency', ms: 5 })],
      faultSpec: 'latency:ms=5',
      latencyMs: 100,
      log: 'r.jsonl',
      certOut: 'ca.pem',
      clients: { app: 'se:cret', b: 'c' },
    });
  });

  it('defaults to a random port, one page, no faults', () => {
    expect(parseCliArgs(['--snapshot', 's.json'])).toMatchObject({
      port: 0,
      pageSize: 0,
      latencyMs: 0,
      faults: [],
      clients: {},
    });
  });

  it('answers help', () => {
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it.each([
    [[], /--snapshot <file> is required/],
    [
      ['--snapshot', 's', '--port', 'x'],
      /--port must be a non-negative integer, got "x"/,
    ],
    [['--snapshot', 's', '--port', '70000'], /--port must be at most 65535/],
    [['--snapshot', 's', '--page-size', '-1'], /page-size/],
    [
      ['--snapshot', 's', '--client', 'nosecret'],
      /--client must be <id>:<secret>/,
    ],
    [['--snapshot', 's', '--faults', 'boom'], /unknown kind "boom"/],
    [['--snapshot', 's', 'extra'], /unexpected argument "extra"/],
    [['--snapshot', 's', '--nope'], /nope/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
