/** An ARM error response: status, `{ error: { code, message } }`, and extra headers. */
export interface ArmError {
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** The body ARM sends with an error; `@azure/core-client` turns it into a `RestError` with `code`. */
export function armErrorBody(error: ArmError) {
  return { error: { code: error.code, message: error.message } };
}

// The HTTP status ARM answers each error code with. A snapshot `errors` entry names only the code.
const STATUS_BY_CODE: Record<string, number> = {
  authorizationfailed: 403,
  linkedauthorizationfailed: 403,
  forbidden: 403,
  requestdisallowedbypolicy: 403,
  authenticationfailed: 401,
  invalidauthenticationtoken: 401,
  invalidauthenticationtokentenant: 401,
  invalidauthenticationtokenaudience: 401,
  expiredauthenticationtoken: 401,
  unauthorized: 401,
  subscriptionnotfound: 404,
  resourcegroupnotfound: 404,
  resourcenotfound: 404,
  notfound: 404,
  invalidsubscriptionid: 400,
  badrequest: 400,
  missingsubscriptionregistration: 409,
  disallowedprovider: 409,
  readonlydisabledsubscription: 409,
  subscriptionrequeststhrottled: 429,
  tenantrequeststhrottled: 429,
  toomanyrequests: 429,
  internalservererror: 500,
  serviceunavailable: 503,
  gatewaytimeout: 504,
  requesttimeout: 408,
};

/**
 * The status for an error code (403 for a code the table does not know: a collection a scan
 * could not read is nearly always an authorization problem). `explicit` (a `status` field on the
 * snapshot's `errors` entry) wins.
 */
export function statusForCode(code: string, explicit?: unknown): number {
  if (
    typeof explicit === 'number' &&
    Number.isInteger(explicit) &&
    explicit >= 400 &&
    explicit <= 599
  ) {
    return explicit;
  }
  return STATUS_BY_CODE[code.toLowerCase()] ?? 403;
}

/** The read permission ARM names in an `AuthorizationFailed` message, by collection. */
export const READ_ACTIONS: Record<string, string> = {
  subscriptions: 'Microsoft.Resources/subscriptions/read',
  resourceGroups: 'Microsoft.Resources/subscriptions/resourceGroups/read',
  imageTemplates: 'Microsoft.VirtualMachineImages/imageTemplates/read',
  triggers: 'Microsoft.VirtualMachineImages/imageTemplates/triggers/read',
  locks: 'Microsoft.Authorization/locks/read',
  roleAssignments: 'Microsoft.Authorization/roleAssignments/read',
  roleDefinitions: 'Microsoft.Authorization/roleDefinitions/read',
  userAssignedIdentities:
    'Microsoft.ManagedIdentity/userAssignedIdentities/read',
};

/** ARM's 403 for a principal without the read permission on a scope. */
export function authorizationFailed(options: {
  collection: string;
  scope: string;
  clientId?: string;
  objectId?: string;
}): ArmError {
  const action = READ_ACTIONS[options.collection] ?? '*/read';
  return {
    status: 403,
    code: 'AuthorizationFailed',
    message: `The client '${options.clientId ?? 'unknown'}' with object id '${
      options.objectId ?? 'unknown'
    }' does not have authorization to perform action '${action}' over scope '${
      options.scope
    }' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
  };
}

/** 404 for a path the emulator does not serve. */
export function notEmulated(method: string, path: string): ArmError {
  const encodedSlash = /%2f/i.test(path)
    ? ' An encoded "/" (%2F) is not a path separator (@azure/arm-locks listByScope sends one: use the per-level list calls).'
    : '';
  return {
    status: 404,
    code: 'NotFound',
    message: `azure-arm-emulator does not serve ${method} ${path}.${encodedSlash}`,
  };
}
