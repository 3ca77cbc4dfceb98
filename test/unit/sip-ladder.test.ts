import { describe, expect, it } from 'vitest';
import { ladderOf } from '../../bench/sip-ladder';

const line = (at: number, dir: 'in' | 'out', text: string) => ({ at, dir, line: text });

describe('SIP bench ladder', () => {
  it('times each set-up step from the first INVITE out, skipping what came before it', () => {
    const lines = [
      line(90, 'in', 'SIP/2.0 200 OK'), // the REGISTER's answer, before the call
      line(100, 'out', 'INVITE sip:2002@127.0.0.1 SIP/2.0'),
      line(101, 'in', 'SIP/2.0 407 Proxy Authentication Required'),
      line(101.5, 'out', 'ACK sip:2002@127.0.0.1 SIP/2.0'),
      line(103, 'out', 'INVITE sip:2002@127.0.0.1 SIP/2.0'),
      line(104, 'in', 'SIP/2.0 100 trying'),
      line(110, 'in', 'SIP/2.0 180 Ringing'),
      line(111, 'in', 'SIP/2.0 180 Ringing'), // a repeated 180 keeps the first
      line(125, 'in', 'SIP/2.0 200 OK'),
      line(135, 'out', 'ACK sip:2002@127.0.0.1;transport=ws SIP/2.0'),
    ];
    expect(ladderOf(lines, 35.5)).toEqual({
      '407 in': 1,
      'INVITE out (auth)': 3,
      '100 in': 4,
      '180 in': 10,
      '200 in': 25,
      'ACK out': 35,
      established: 35.5,
    });
  });

  it('gives nothing for a call whose INVITE it did not see', () => {
    expect(ladderOf([line(1, 'in', 'SIP/2.0 200 OK')], 10)).toEqual({});
  });
});
