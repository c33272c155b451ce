import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';

/** Snapshot collections in words ("Could not read role assignments"). */
const COLLECTION_WORDS: Record<string, string> = {
  subscription: 'the subscription',
  resourceGroups: 'resource groups',
  imageTemplates: 'image templates',
  triggers: 'triggers',
  locks: 'locks',
  roleAssignments: 'role assignments',
  roleDefinitions: 'role definitions',
  userAssignedIdentities: 'user-assigned identities',
};

/** Where the scan looked, for the explanation: the template's subscription. */
export interface UnknownContext {
  subscriptionId?: string;
  subscriptionName?: string;
}

/** The collection in words; an unfamiliar name as it is. */
export function collectionInWords(collection: string): string {
  return COLLECTION_WORDS[collection] ?? collection;
}

function subscriptionInWords(context: UnknownContext): string {
  const { subscriptionId, subscriptionName } = context;
  if (subscriptionName && subscriptionId) {
    return `subscription ${subscriptionName} (${subscriptionId})`;
  }
  if (subscriptionName || subscriptionId) {
    return `subscription ${subscriptionName ?? subscriptionId}`;
  }
  return "the template's subscription";
}

/**
 * What an Azure error code means for the reader, or `undefined` for a code we have no words for
 * (the code and Azure's message are still shown). Codes are compared case-insensitively: ARM and
 * the SDK do not agree on case (`AuthorizationFailed`, `authorizationfailed`).
 */
export function explainErrorCode(
  code: string,
  collection: string,
  context: UnknownContext,
): string | undefined {
  const where = subscriptionInWords(context);
  switch (code.toLocaleLowerCase('en-US')) {
    case 'authorizationfailed':
    case 'forbidden':
    case 'linkedauthorizationfailed':
    case '403':
      return `the scanner's identity lacks Reader (or another role that can read ${collectionInWords(
        collection,
      )}) on ${where}`;
    case 'notcollected':
      return 'the snapshot the scan read does not include them';
    case 'toomanyrequests':
    case '429':
      return 'Azure throttled the scan; the next scan tries again';
    case 'subscriptionnotfound':
      return `${where} was not found: it may have been moved or deleted, or the scanner's tenant cannot see it`;
    case 'resourcenotfound':
    case 'resourcegroupnotfound':
    case 'notfound':
    case '404':
      return 'Azure reported them as not found';
    case 'invalidauthenticationtoken':
    case 'expiredauthenticationtoken':
    case 'invalidauthenticationtokentenant':
    case 'credentialunavailableerror':
    case 'authenticationerror':
    case '401':
      return 'the scanner could not sign in to Azure with its credential';
    case 'gatewaytimeout':
    case 'requesttimeout':
    case 'timeout':
    case 'internalservererror':
    case 'serviceunavailable':
    case '500':
    case '502':
    case '503':
    case '504':
      return 'Azure did not answer in time or failed; the next scan tries again';
    default:
      return undefined;
  }
}

/**
 * Why a finding is `unknown`, in one sentence: "Could not read locks: AuthorizationFailed — the
 * scanner's identity lacks Reader … on subscription Contoso (…)". `undefined` when the evidence
 * names no collection.
 */
export function unknownReason(
  evidence: Evidence,
  context: UnknownContext,
): string | undefined {
  if (!evidence.collection) return undefined;
  const what = collectionInWords(evidence.collection);
  if (!evidence.code) return `Could not read ${what}.`;
  const why = explainErrorCode(evidence.code, evidence.collection, context);
  return why
    ? `Could not read ${what}: ${evidence.code} — ${why}.`
    : `Could not read ${what}: ${evidence.code}.`;
}
