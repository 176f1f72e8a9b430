import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describeAjvErrors } from "./ajv-errors";
import { ERRATA, findErratum, type Erratum } from "./errata";
import { loadSpec, type Api, type LoadedSpec, type SpecOperation } from "./load-spec";
import { createOperationMatcher, type OperationMatcher } from "./match-operation";
import { toAjvDefinitions, toAjvSchema } from "./openapi-to-ajv";

export type { Api, SpecOperation } from "./load-spec";
export type { Erratum } from "./errata";

export type ValidationError = {
  api: Api;
  operationId: string;
  method: string;
  /** The operation's path template. */
  path: string;
  status: number;
  /** JSON pointer into the body; empty for the body itself or the status. */
  pointer: string;
  /** Ajv keyword; `status`, `content`, `json` for an undocumented status, body, or an unparsable one. */
  keyword: string;
  message: string;
  /** One readable line: operation, status, pointer, message. */
  text: string;
};

export type ResponseInput = {
  api: Api;
  method: string;
  path: string;
  status: number;
  contentType: string | null | undefined;
  body: unknown;
  /** Set when the body claimed to be JSON but did not parse. */
  parseError?: string;
};

export type ValidationResult = {
  operation: string | null;
  errors: ValidationError[];
  /** Violations that match an erratum: the spec is wrong there, not the response. */
  waived: ValidationError[];
};

export type ValidateOptions = { errata?: readonly Erratum[] };

export type Contract = {
  api: Api;
  totalOperations: () => number;
  matchOperation: (method: string, path: string) => SpecOperation | null;
  validateResponse: (input: Omit<ResponseInput, "api">, options?: ValidateOptions) => ValidationResult;
};

const JSON_TYPE = /^application\/([\w.+-]+\+)?json\s*(;|$)/i;

export function isJsonContentType(contentType: string | null | undefined): boolean {
  return contentType != null && JSON_TYPE.test(contentType);
}

/** A contract over one spec; validators are compiled on first use per operation and status. */
export function createContract(spec: LoadedSpec): Contract {
  let matcher: OperationMatcher | null = null;
  let ajv: Ajv | null = null;
  const refBase = `clerk-${spec.api}`;
  const validators = new Map<string, ValidateFunction>();

  const match = (method: string, path: string) => (matcher ??= createOperationMatcher(spec.operations))(method, path);

  function validatorFor(operation: SpecOperation, statusKey: string, schema: Record<string, unknown>) {
    const key = `${operation.method} ${operation.path} ${statusKey}`;
    let validate = validators.get(key);
    if (!validate) {
      ajv ??= createAjv(spec, refBase);
      validate = ajv.compile(toAjvSchema(schema, refBase));
      validators.set(key, validate);
    }
    return validate;
  }

  function validateResponse(input: Omit<ResponseInput, "api">, options: ValidateOptions = {}): ValidationResult {
    const operation = match(input.method, input.path);
    if (!operation) return { operation: null, errors: [], waived: [] };
    const problems = check(operation, input);
    const errata = options.errata ?? ERRATA;
    const errors: ValidationError[] = [];
    const waived: ValidationError[] = [];
    for (const problem of problems) (findErratum(errata, problem) ? waived : errors).push(problem);
    return { operation: operation.operationId, errors, waived };
  }

  function check(operation: SpecOperation, input: Omit<ResponseInput, "api">): ValidationError[] {
    if (!isJsonContentType(input.contentType)) return [];
    const violation = (pointer: string, keyword: string, message: string): ValidationError => ({
      api: spec.api,
      operationId: operation.operationId,
      method: operation.method,
      path: operation.path,
      status: input.status,
      pointer,
      keyword,
      message,
      text: `${operation.operationId} (${operation.method} ${operation.path}) ${input.status} ${pointer || "/"}: ${message}`,
    });
    if (input.parseError !== undefined) return [violation("", "json", `body is not valid JSON: ${input.parseError}`)];
    const statusKey = responseKey(operation, input.status);
    const schema = statusKey ? operation.responses.get(statusKey)?.jsonSchema : undefined;
    const problems: ValidationError[] = [];
    if (!statusKey) {
      const documented = [...operation.responses.keys()].join(", ");
      problems.push(violation("", "status", `status ${input.status} is not documented (documented: ${documented})`));
    } else if (!schema) {
      problems.push(violation("", "content", `status ${statusKey} documents no JSON body`));
    }
    // An error the operation does not document still has to be Clerk's error envelope.
    const bodySchema = schema ?? (input.status >= 400 && spec.schemas.ClerkErrors ? CLERK_ERRORS : undefined);
    if (!bodySchema || input.body === undefined) return problems;
    const validate = validatorFor(operation, schema ? (statusKey ?? "") : "ClerkErrors", bodySchema);
    if (validate(input.body)) return problems;
    const compileBranch = (branch: object) => (ajv ??= createAjv(spec, refBase)).compile(branch);
    return [
      ...problems,
      ...describeAjvErrors(validate.errors ?? [], compileBranch).map((e) => violation(e.pointer, e.keyword, e.message)),
    ];
  }

  return {
    api: spec.api,
    totalOperations: () => spec.operations.length,
    matchOperation: match,
    validateResponse,
  };
}

const CLERK_ERRORS = { $ref: "#/components/schemas/ClerkErrors" };

function responseKey(operation: SpecOperation, status: number): string | null {
  const range = `${String(status).charAt(0)}XX`;
  for (const key of [String(status), range, "default"]) if (operation.responses.has(key)) return key;
  return null;
}

// Formats OpenAPI defines for numbers and payloads that say nothing a `type` does not already check.
const ANNOTATION_FORMATS = ["int32", "int64", "float", "double", "byte", "binary", "base64", "password"];

function createAjv(spec: LoadedSpec, refBase: string): Ajv {
  // strict: false lets OpenAPI-only keywords (discriminator, deprecated, readOnly) through as annotations;
  // verbose gives a failed oneOf its alternatives and data, to name the closest one. One shared,
  // unoptimised function per referenced schema compiles faster, and a first response waits for it.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    verbose: true,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  addFormats(ajv);
  for (const format of ANNOTATION_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema(toAjvDefinitions(spec.schemas, refBase));
  return ajv;
}

const contracts = new Map<Api, Contract>();

/** The contract of one of Clerk's APIs, its spec read and parsed once, on first use. */
export function contractFor(api: Api): Contract {
  let contract = contracts.get(api);
  if (!contract) {
    contract = createContract(loadSpec(api));
    contracts.set(api, contract);
  }
  return contract;
}

export function matchOperation(api: Api, method: string, path: string): SpecOperation | null {
  return contractFor(api).matchOperation(method, path);
}

export function validateResponse(input: ResponseInput, options?: ValidateOptions): ValidationResult {
  return contractFor(input.api).validateResponse(input, options);
}

export function totalOperations(api: Api): number {
  return contractFor(api).totalOperations();
}
