import { CM_GATEWAY } from './sms-gateway.js';

describe("CM.com's JSON messaging API", () => {
  const settings = { token: 'product-token', sender: 'Wijkwacht' };

  it('sends one message with the product token, the sender, the number as 00 and its digits, type auto and our reference', () => {
    const request = CM_GATEWAY.request({ to: '+31612345678', text: 'Wijkwacht: acute oproep', reference: 'row-1' }, settings);
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual({
      messages: {
        authentication: { producttoken: 'product-token' },
        msg: [
          {
            allowedChannels: ['SMS'],
            from: 'Wijkwacht',
            to: [{ number: '0031612345678' }],
            body: { type: 'auto', content: 'Wijkwacht: acute oproep' },
            reference: 'row-1',
          },
        ],
      },
    });
  });

  it('an answer 200 with errorCode 0 and the message Accepted is accepted', () => {
    const body = JSON.stringify({
      details: 'Created 1 message(s)',
      errorCode: 0,
      messages: [{ to: '0031612345678', status: 'Accepted', reference: 'row-1', parts: 1 }],
    });
    expect(CM_GATEWAY.verdict(200, body)).toEqual({ accepted: true });
  });

  it('a refusal says the status, the error code and the gateway’s words, on one line', () => {
    const body = JSON.stringify({ details: 'No account found for the given authentication', errorCode: 101, messages: [] });
    expect(CM_GATEWAY.verdict(400, body)).toEqual({ accepted: false, error: 'HTTP 400 error 101: No account found for the given authentication' });
    const rejected = JSON.stringify({ errorCode: 0, messages: [{ status: 'Rejected', messageDetails: 'Gsm \n invalid' }] });
    expect(CM_GATEWAY.verdict(200, rejected)).toEqual({ accepted: false, error: 'HTTP 200 error 0: Gsm invalid' });
    expect(CM_GATEWAY.verdict(502, '<html>bad gateway</html>')).toEqual({ accepted: false, error: 'HTTP 502' });
  });

  it('reads status reports: 2 and 4 delivered, 1 and 3 failed with the reason, 0 still on its way; one or a list', () => {
    const report = (reference: string, code: string, errorDescription = '') => ({
      received: '2026-11-23T10:00:33',
      to: '0031612345678',
      reference,
      status: { code, errorCode: code === '3' ? '5' : '', errorDescription },
      operator: '20416',
    });
    expect(CM_GATEWAY.reports({ messages: { msg: report('a', '2') } })).toEqual([{ reference: 'a', outcome: 'delivered', error: null }]);
    expect(CM_GATEWAY.reports({ messages: { msg: [report('b', '0'), report('c', '3', 'Absent subscriber'), report('d', '4'), report('e', '1')] } })).toEqual([
      { reference: 'b', outcome: 'pending', error: null },
      { reference: 'c', outcome: 'failed', error: 'status 3: 5 Absent subscriber' },
      { reference: 'd', outcome: 'delivered', error: null },
      { reference: 'e', outcome: 'failed', error: 'status 1' },
    ]);
  });

  it('something else is no report', () => {
    expect(CM_GATEWAY.reports({ hello: 1 })).toBeNull();
    expect(CM_GATEWAY.reports(null)).toBeNull();
    expect(CM_GATEWAY.reports({ messages: { msg: [{ to: 'x' }] } })).toEqual([]);
  });
});
