/**
 * The layers of src/, from the top down: the one place that says which module may use which. A
 * module (a folder of src/, or a file at its root named without `.ts`) may import only from the
 * layers below its own, never from its own layer or above, so dependencies point one way and no
 * two modules import each other. The README's "Architecture" section draws this order; the
 * `walls/layer-order` lint rule (lint/walls.js) keeps it, and reports a module that is in no layer.
 */
export const LAYERS = [
  ['main', 'demo'],
  ['bootstrap'],
  ['app.module'],
  ['jobs', 'health'],
  ['termination', 'roster-plans', 'referrals'],
  ['requests'],
  // Coverage reads the fee statements' position-minutes: one definition of "covered".
  ['coverage'],
  // Offers and absences change assignments through their service (and hear of cancellations).
  ['fees', 'calendar', 'alerts', 'on-call', 'offers', 'absences'],
  ['assignments'],
  // Push subscriptions end with their session or user: above identity, below the paging that uses them.
  ['auth', 'push'],
  // Users name their nurse, regions and insurer: identity sits above them.
  ['identity'],
  ['nurses', 'roster'],
  ['contracts'],
  ['months'],
  ['reference'],
  ['audit', 'delivery'],
  // Pure cores and the platform.
  ['working-time'],
  ['platform.module'],
  // database/: connection settings, transactions, locks, dialect, database errors, SQLite readers, file lock, tuning.
  ['database', 'migrations'],
  ['config'],
  ['common'],
];

/** The layer of a module: 0 at the top; undefined for a module in no layer. */
export function layerOf(module) {
  const index = LAYERS.findIndex((layer) => layer.includes(module));
  return index < 0 ? undefined : index;
}
