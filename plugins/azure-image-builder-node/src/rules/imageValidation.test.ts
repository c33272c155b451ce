import { evaluateRule, makeTemplate } from '../engine/__testUtils__/snapshots';
import { imageValidationRule } from './imageValidation';

const SHELL = {
  type: 'Shell',
  name: 'smoke',
  inline: ['test -f /etc/os-release'],
};

function withValidate(validate: unknown) {
  return makeTemplate('t', validate === undefined ? {} : { validate });
}

describe('image-validation', () => {
  it('has the metadata of RULES.md #18', () => {
    expect(imageValidationRule.metadata).toMatchObject({
      id: 'image-validation',
      number: 18,
      severity: 'low',
    });
  });

  it.each(
    [
      ['a validation', { inVMValidations: [SHELL] }, 'pass'],
      [
        'a validation, continueDistributeOnFailure false',
        { inVMValidations: [SHELL], continueDistributeOnFailure: false },
        'pass',
      ],
      [
        'a validation, continueDistributeOnFailure "false"',
        { inVMValidations: [SHELL], continueDistributeOnFailure: 'false' },
        'pass',
      ],
      [
        'a validation with sourceValidationOnly',
        { inVMValidations: [SHELL], sourceValidationOnly: false },
        'pass',
      ],
      ['no validate', undefined, 'warn'],
      ['validate without inVMValidations', {}, 'warn'],
      ['an empty inVMValidations', { inVMValidations: [] }, 'warn'],
      [
        'inVMValidations that is not a list',
        { inVMValidations: SHELL },
        'warn',
      ],
      [
        'inVMValidations without a step object',
        { inVMValidations: [null, 'x'] },
        'warn',
      ],
      [
        'continueDistributeOnFailure true',
        { inVMValidations: [SHELL], continueDistributeOnFailure: true },
        'warn',
      ],
      [
        'continueDistributeOnFailure "True"',
        { inVMValidations: [SHELL], continueDistributeOnFailure: 'True' },
        'warn',
      ],
      [
        'no validation, an expression for continueDistributeOnFailure',
        { continueDistributeOnFailure: "[parameters('c')]" },
        'warn',
      ],
      ['validate given by an expression', "[variables('v')]", 'unknown'],
      [
        'inVMValidations given by an expression',
        { inVMValidations: "[parameters('v')]" },
        'unknown',
      ],
      [
        'continueDistributeOnFailure given by an expression',
        {
          inVMValidations: [SHELL],
          continueDistributeOnFailure: "[parameters('c')]",
        },
        'unknown',
      ],
    ].map(([name, validate, status]) => ({ name, validate, status })),
  )('$name -> $status', ({ validate, status }: any) => {
    expect(
      evaluateRule(imageValidationRule, withValidate(validate)).status,
    ).toBe(status);
  });

  it('shows what it read when it passes', () => {
    expect(
      evaluateRule(
        imageValidationRule,
        withValidate({ inVMValidations: [SHELL, SHELL] }),
      ),
    ).toEqual({
      status: 'pass',
      message:
        'The image is validated (2 in-VM validation(s)) and is not distributed when validation fails',
      evidence: [
        {
          path: 'properties.validate.inVMValidations',
          observed: '2 validation(s)',
          expected: 'at least one in-VM validation',
        },
        {
          path: 'properties.validate.continueDistributeOnFailure',
          observed: null,
          expected: 'false or absent',
        },
      ],
    });
  });

  it('says why it warns', () => {
    expect(evaluateRule(imageValidationRule, withValidate(undefined))).toEqual({
      status: 'warn',
      message:
        'The image is not validated before it is distributed: properties.validate.inVMValidations is not set',
      evidence: [
        {
          path: 'properties.validate.inVMValidations',
          observed: null,
          expected: 'at least one in-VM validation',
        },
      ],
    });
    expect(
      evaluateRule(imageValidationRule, withValidate({ inVMValidations: [] }))
        .message,
    ).toMatch(/inVMValidations is empty$/);
    const distributed = evaluateRule(
      imageValidationRule,
      withValidate({
        inVMValidations: [SHELL],
        continueDistributeOnFailure: true,
      }),
    );
    expect(distributed.message).toBe(
      'Images that fail validation are still distributed: properties.validate.continueDistributeOnFailure is true',
    );
    expect(distributed.evidence[1]).toEqual({
      path: 'properties.validate.continueDistributeOnFailure',
      observed: true,
      expected: 'false or absent',
    });
  });

  it('names the expression that hides the answer', () => {
    expect(
      evaluateRule(
        imageValidationRule,
        withValidate({ inVMValidations: "[parameters('v')]" }),
      ),
    ).toEqual({
      status: 'unknown',
      message:
        "Whether the image is validated is unknown: properties.validate.inVMValidations is an unresolved template expression ([parameters('v')])",
      evidence: [
        {
          path: 'properties.validate.inVMValidations',
          observed: "[parameters('v')]",
          note: 'unresolved ARM template expression',
        },
      ],
    });
  });
});
