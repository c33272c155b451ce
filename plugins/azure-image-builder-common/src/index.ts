/**
 * Types, rule metadata and permissions shared by the Azure VM Image Builder scorecard plugins.
 *
 * @packageDocumentation
 */

export * from './snapshot';
export * from './findings';
export * from './score';
export * from './rules';
export * from './entity';
export * from './permissions';
export * from './api';
