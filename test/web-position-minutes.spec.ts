import fc from 'fast-check';
import { positionMinutesOf as servicePositionMinutes } from '../src/fees/position-minutes.js';
import { positionMinutesOf as webPositionMinutes } from '../web/src/position-minutes.js';

/** The web app's heatmap keeps its own copy of the definition; it must not drift from the service's. */
describe("the web app's position-minutes", () => {
  it('are the ones coverage and fees count, for any day of slots', () => {
    const slot = fc.record({
      durationMinutes: fc.integer({ min: 0, max: 24 * 60 + 60 }),
      requiredNurses: fc.integer({ min: 1, max: 5 }),
      assignedNurses: fc.integer({ min: 0, max: 7 }),
    });
    fc.assert(
      fc.property(fc.array(slot, { maxLength: 12 }), (slots) => {
        expect(webPositionMinutes(slots)).toEqual(servicePositionMinutes(slots));
      }),
    );
  });
});
