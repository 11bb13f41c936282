// Parses an AsyncAPI document with the real @asyncapi/parser and prints its diagnostics on stdout as one JSON array
// of {code, severity, message, path}; severity 0 is an error, 1 a warning, 2 information, 3 a hint.
// The parser's AsyncAPI 3 rules, unlike its AsyncAPI 2 rules, do not check message examples against their schemas,
// so this script does, with the parser's own JSON Schema validator: a wrong example misleads as much as a wrong schema.
//
// usage: node diagnose.cjs <directory the parser is installed in> <document>
'use strict';
const path = require('path');
const { createRequire } = require('module');

const [installDirectory, documentPath] = process.argv.slice(2);
const installed = createRequire(path.join(path.resolve(installDirectory), 'package.json'));
const { Parser, fromFile } = installed('@asyncapi/parser');
const Ajv = installed('ajv');
const addFormats = installed('ajv-formats');

const ERROR = 0;

function exampleDiagnostics(document) {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const diagnostics = [];
  for (const message of document.allMessages().all()) {
    message.examples().all().forEach((example, index) => {
      for (const [part, schema] of [['payload', message.payload()], ['headers', message.headers()]]) {
        const value = part === 'payload' ? example.payload() : example.headers();
        if (value === undefined || schema === undefined) {
          continue;
        }
        const validate = ajv.compile(schema.json());
        if (!validate(value)) {
          diagnostics.push({
            code: 'message-example-invalid',
            severity: ERROR,
            message: validate.errors.map((error) => `${error.instancePath} ${error.message}`).join('; '),
            path: ['components', 'messages', message.id(), 'examples', index, part],
          });
        }
      }
    });
  }
  return diagnostics;
}

(async () => {
  const { document, diagnostics } = await fromFile(new Parser(), documentPath).parse();
  const found = diagnostics.map(({ code, severity, message, path }) => ({ code, severity, message, path }));
  if (document !== undefined) {
    found.push(...exampleDiagnostics(document));
  }
  process.stdout.write(JSON.stringify(found));
})().catch((failure) => {
  console.error(failure);
  process.exit(1);
});
