import { Evidence } from '@aib-scorecards/plugin-azure-image-builder-common';
import { freezeOutcome } from './memo';
import { RuleOutcome } from './types';
import {
  child,
  defineRule,
  equalsIgnoreCase,
  isArmExpression,
  isObject,
  isPlain,
  observed,
  ScanMemo,
} from './util';

const VALIDATIONS_PATH = 'properties.validate.inVMValidations';
const CONTINUE_PATH = 'properties.validate.continueDistributeOnFailure';

/** `true`, also as the string hand-written JSON sometimes has. */
function isTrue(value: unknown): boolean {
  return value === true || equalsIgnoreCase(value, 'true');
}

const byShape = new ScanMemo<RuleOutcome>();

/**
 * RULES.md #18: `properties.validate.inVMValidations` is non-empty and
 * `continueDistributeOnFailure` is not `true`, so an image that fails validation is not
 * distributed. Otherwise `warn`.
 * @public
 */
export const imageValidationRule = defineRule(
  'image-validation',
  ({ template, index }) => {
    const validate = child(child(template, 'properties'), 'validate');
    const config = isObject(validate) ? validate : undefined;
    const validations = config?.inVMValidations;
    const continueOnFailure = config?.continueDistributeOnFailure;
    if (
      !isArmExpression(validate) &&
      (validations === undefined ||
        validations === null ||
        Array.isArray(validations)) &&
      isPlain(continueOnFailure)
    ) {
      // Then the outcome depends on the number of validations and the flag only: shared.
      const keys = Array.isArray(validations)
        ? [
            validations.length === 0,
            countObjects(validations),
            continueOnFailure,
          ]
        : [validations, continueOnFailure];
      return (
        byShape.find(index, keys) ??
        byShape.keep(
          index,
          keys,
          freezeOutcome(judge(validate, validations, continueOnFailure)),
        )
      );
    }
    return judge(validate, validations, continueOnFailure);
  },
);

function judge(
  validate: unknown,
  validations: unknown,
  continueOnFailure: unknown,
): RuleOutcome {
  const expression = (path: string, value: string) => ({
    status: 'unknown' as const,
    message: `Whether the image is validated is unknown: ${path} is an unresolved template expression (${value})`,
    evidence: [
      { path, observed: value, note: 'unresolved ARM template expression' },
    ],
  });
  if (isArmExpression(validate)) {
    return expression('properties.validate', validate);
  }
  if (isArmExpression(validations)) {
    return expression(VALIDATIONS_PATH, validations);
  }

  const steps = Array.isArray(validations) ? validations.filter(isObject) : [];
  const stepsEvidence: Evidence = {
    path: VALIDATIONS_PATH,
    observed: Array.isArray(validations)
      ? `${steps.length} validation(s)`
      : observed(validations),
    expected: 'at least one in-VM validation',
  };
  const continueEvidence: Evidence = {
    path: CONTINUE_PATH,
    observed: observed(continueOnFailure),
    expected: 'false or absent',
  };

  if (steps.length === 0) {
    return {
      status: 'warn',
      message: `The image is not validated before it is distributed: ${VALIDATIONS_PATH} is ${describe(
        validations,
      )}`,
      evidence: [stepsEvidence],
    };
  }
  // Without validations the flag does not matter, so only now can an expression hide the answer.
  if (isArmExpression(continueOnFailure)) {
    return expression(CONTINUE_PATH, continueOnFailure);
  }
  if (isTrue(continueOnFailure)) {
    return {
      status: 'warn',
      message: `Images that fail validation are still distributed: ${CONTINUE_PATH} is true`,
      evidence: [stepsEvidence, continueEvidence],
    };
  }
  return {
    status: 'pass',
    message: `The image is validated (${steps.length} in-VM validation(s)) and is not distributed when validation fails`,
    evidence: [stepsEvidence, continueEvidence],
  };
}

function countObjects(list: readonly unknown[]): number {
  let count = 0;
  for (const item of list) if (isObject(item)) count++;
  return count;
}

function describe(validations: unknown): string {
  if (validations === undefined || validations === null) return 'not set';
  if (!Array.isArray(validations)) return 'not a list';
  return validations.length === 0 ? 'empty' : 'without a validation step';
}
