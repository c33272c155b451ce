export * from './actionPattern';
export * from './roleClasses';
export * from './roleScope';
export * from './RbacIndex';
