/**
 * Node library of the Azure VM Image Builder scorecards: the snapshot format, sources, the rule
 * engine and its rules, and the mapping of templates to catalog entities.
 *
 * @packageDocumentation
 */

export * from './snapshot';
export * from './sources';
export * from './config';
export * from './rules';
export * from './engine';
export * from './entity';
export * from './redaction';
export * from './exemptions';
export * from './extensions';
