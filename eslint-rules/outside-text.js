// ESLint rule `local/outside-text`: text from Zendesk, a file or an error body reaches a VS Code
// surface that interprets text (notifications, progress, quick picks, input boxes, dialogs, the
// status bar, Markdown) only through literal() or literalMarkdown() from src/outsideText.ts.
//
// At every such call site the rule proves the shown text is made only of: string literals, numbers
// and booleans (by their TypeScript type), literal()/literalMarkdown() results (the LiteralText
// type), vscode.l10n.t(...) with such arguments, functions tagged `@literalText` in their JSDoc
// (whose own return values the rule checks in turn), and calls of the functions of an object
// tagged `@literalTemplate` (message templates such as countMessages: like l10n.t, their arguments
// are checked where they are called, and their bodies may interpolate their parameters). A function
// tagged `@literalItems` returns quick-pick items: its returns are checked as items.
// Anything it cannot prove is reported.
// Parameters that only pass text on are trusted when the function is listed in the `wrappers`
// option (or is a method of a class named *Prompter): their call sites are checked instead.
'use strict';

const ts = require('typescript');

const HELPERS = new Set(['literal', 'literalMarkdown']);
const MESSAGE_FUNCTIONS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);
/** Properties of option and item objects that VS Code shows. (`value`, an input box's editable text, is plain.) */
const TEXT_KEYS = new Set(['title', 'placeHolder', 'placeholder', 'prompt', 'label', 'description', 'detail', 'message', 'tooltip']);
/** Properties of QuickPick, InputBox and StatusBarItem objects that VS Code shows. */
const ASSIGNED_TEXT = new Set(['title', 'placeholder', 'prompt', 'text', 'tooltip', 'validationMessage', 'description', 'detail', 'label']);
const SHOWING_TYPES = new Set(['QuickPick', 'InputBox', 'StatusBarItem']);
/** Methods of a string or an array of strings that add no text of their own. */
const PASS_THROUGH_METHODS = new Set(['split', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'filter', 'sort', 'reverse', 'concat', 'join', 'padStart', 'padEnd']);
const ARRAY_PASS_THROUGH = new Set(['filter', 'sort', 'reverse', 'slice', 'concat']);
const MAX_DEPTH = 12;

/** @type {import('eslint').Rule.RuleModule} */
module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'Outside text (Zendesk, files, error bodies) reaches VS Code surfaces only through literal() / literalMarkdown()' },
    schema: [{
      type: 'object',
      properties: {
        wrappers: {
          type: 'array',
          items: {
            type: 'object',
            properties: { name: { type: 'string' }, params: { type: 'array', items: { type: 'integer' } }, kind: { enum: ['text', 'options', 'items', 'markdown'] } },
            required: ['name', 'params'],
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    }],
    messages: {
      unproven: '{{surface}}: this text is not proven safe. Wrap outside text (Zendesk, a file, an error body) in literal() or, for Markdown, literalMarkdown() (src/outsideText.ts); tag a function that builds shown text @literalText.',
    },
  },

  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services || !services.program) {
      throw new Error('local/outside-text needs type information (parserOptions.projectService or project)');
    }
    const checker = services.program.getTypeChecker();
    const wrappers = new Map((context.options[0]?.wrappers ?? []).map((wrapper) => [wrapper.name, wrapper]));

    const report = (node, surface) => context.report({ node, messageId: 'unproven', data: { surface } });

    // --- what a node is ------------------------------------------------------------------------

    const nameOf = (node) => {
      if (!node) return undefined;
      if (node.type === 'Identifier') return node.name;
      if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return node.property.name;
      return undefined;
    };
    const unwrap = (node) => {
      while (node && (node.type === 'TSAsExpression' || node.type === 'TSNonNullExpression' || node.type === 'TSTypeAssertion' || node.type === 'TSSatisfiesExpression' || node.type === 'ChainExpression')) {
        node = node.expression;
      }
      return node;
    };
    const isL10nCall = (callee) => callee.type === 'MemberExpression' && nameOf(callee) === 't' && nameOf(callee.object) === 'l10n';
    const isPrompter = (node) => {
      const name = nameOf(node);
      return name === 'prompter';
    };

    const functionName = (fn) => {
      if (fn.id) return fn.id.name;
      const parent = fn.parent;
      if (parent?.type === 'MethodDefinition' || parent?.type === 'Property' || parent?.type === 'PropertyDefinition') return nameOf(parent.key);
      if (parent?.type === 'VariableDeclarator') return nameOf(parent.id);
      return undefined;
    };
    const classOf = (fn) => {
      for (let current = fn.parent; current; current = current.parent) {
        if (current.type === 'ClassDeclaration' || current.type === 'ClassExpression') return current;
      }
      return undefined;
    };
    const trustedParameter = (fn, parameter) => {
      const index = fn.params.findIndex((param) => param === parameter || (param.type === 'AssignmentPattern' && param.left === parameter)
        || (param.type === 'RestElement' && param.argument === parameter) || (param.type === 'TSParameterProperty' && param.parameter === parameter));
      if (index < 0) return false;
      const owner = classOf(fn);
      if (owner?.id && /Prompter$/.test(owner.id.name) && fn.parent?.type === 'MethodDefinition') return true;
      if (isTemplateFunction(fn)) return true;
      const wrapper = wrappers.get(functionName(fn));
      return Boolean(wrapper && wrapper.params.includes(index));
    };

    /** `a` of `a.b.c`. */
    const rootOf = (node) => {
      while (node.type === 'MemberExpression') node = unwrap(node.object);
      return node;
    };
    const isTrustedParameter = (node) => {
      if (node.type !== 'Identifier') return false;
      const def = definitionOf(node);
      return def?.type === 'Parameter' && trustedParameter(def.node, def.name);
    };

    /** The variable `node` (an identifier) refers to, via ESLint's scope analysis. */
    const variableOf = (node) => {
      for (let scope = context.sourceCode.getScope(node); scope; scope = scope.upper) {
        const variable = scope.set.get(node.name);
        if (variable) return variable;
      }
      return undefined;
    };
    const definitionOf = (node) => variableOf(node)?.defs[0];
    /**
     * A `const` the identifier names: its initial value, and everything later pushed into it
     * (`lines.push(…)`), since those end up shown too. Undefined for anything else.
     */
    const constantOf = (node) => {
      const variable = variableOf(node);
      const def = variable?.defs[0];
      if (def?.type !== 'Variable' || def.parent?.kind !== 'const' || !def.node.init) return undefined;
      const added = variable.references.flatMap((reference) => {
        const member = reference.identifier.parent;
        const call = member?.parent;
        return member?.type === 'MemberExpression' && member.object === reference.identifier && ['push', 'unshift', 'splice'].includes(nameOf(member))
          && call?.type === 'CallExpression' && call.callee === member ? call.arguments.slice(nameOf(member) === 'splice' ? 2 : 0) : [];
      });
      return { key: def.node.range.join(':'), init: def.node.init, added };
    };

    // --- types ---------------------------------------------------------------------------------

    const typeOf = (node) => {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node);
      return tsNode ? checker.getTypeAtLocation(tsNode) : undefined;
    };
    const safeType = (type) => {
      if (!type) return false;
      if (type.isUnion()) return type.types.every(safeType);
      if (type.getProperty('__literalText')) return true; // LiteralText
      const flags = type.flags;
      return Boolean(flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike | ts.TypeFlags.EnumLike
        | ts.TypeFlags.StringLiteral | ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.Never));
    };
    /** Does what `node` (an identifier or a member) names carry `@tag` in its JSDoc (followed through imports)? */
    const symbolTagged = (node, tag) => {
      const tsNode = services.esTreeNodeToTSNodeMap.get(node.type === 'MemberExpression' ? node.property : node);
      let symbol = tsNode && checker.getSymbolAtLocation(tsNode);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
      return Boolean(symbol && symbol.getJsDocTags(checker).some((found) => found.name === tag));
    };
    const taggedLiteralText = (callee) => symbolTagged(callee, 'literalText');
    /** `countMessages.addTitle(…)`: a function of an object tagged @literalTemplate. */
    const isTemplateCall = (callee) => callee.type === 'MemberExpression' && symbolTagged(unwrap(callee.object), 'literalTemplate');
    const commentsTag = (node, tag) => {
      const host = node.parent?.type === 'ExportNamedDeclaration' ? node.parent : node;
      return context.sourceCode.getCommentsBefore(host).some((comment) => comment.type === 'Block' && new RegExp(`@${tag}\\b`).test(comment.value));
    };
    const hasTag = (fn, tag) => {
      const anchor = fn.parent?.type === 'VariableDeclarator' ? fn.parent.parent : fn.parent?.type === 'MethodDefinition' ? fn.parent : fn;
      return commentsTag(anchor, tag);
    };
    const hasLiteralTextTag = (fn) => hasTag(fn, 'literalText');
    /** A function that is a property of an object literal declared with @literalTemplate. */
    const isTemplateFunction = (fn) => {
      const property = fn.parent;
      const object = property?.type === 'Property' ? property.parent : undefined;
      const declarator = object?.type === 'ObjectExpression' ? object.parent : undefined;
      return declarator?.type === 'VariableDeclarator' && commentsTag(declarator.parent, 'literalTemplate');
    };

    // --- proofs --------------------------------------------------------------------------------

    /**
     * Whether `prove()` finds no problem, remembered per check under `key` (a const's value or a
     * function's returns may be used twice); while being proven, a key counts as unproven (cycles).
     */
    const proven = (memo, key, prove) => {
      if (!memo.has(key)) {
        memo.set(key, false);
        memo.set(key, prove().length === 0);
      }
      return memo.get(key);
    };

    /** Returned expressions of a function (its body if it is an expression), not of nested functions. */
    const returnedExpressions = (fn) => {
      if (fn.body.type !== 'BlockStatement') return [fn.body];
      const found = [];
      const visit = (node) => {
        if (!node || typeof node.type !== 'string') return;
        if (node !== fn && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression')) return;
        if (node.type === 'ReturnStatement') {
          if (node.argument) found.push(node.argument);
          return;
        }
        for (const key of Object.keys(node)) {
          if (key === 'parent') continue;
          const child = node[key];
          if (Array.isArray(child)) child.forEach(visit);
          else if (child && typeof child.type === 'string') visit(child);
        }
      };
      visit(fn.body);
      return found;
    };

    /** The function a callee or a value names, when it is declared in this file. */
    const localFunction = (node) => {
      node = unwrap(node);
      if (!node) return undefined;
      if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return node;
      if (node.type !== 'Identifier') return undefined;
      const def = definitionOf(node);
      if (def?.type === 'FunctionName') return def.node;
      if (def?.type === 'Variable' && def.parent?.kind === 'const') {
        const init = unwrap(def.node.init);
        if (init && (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression')) return init;
      }
      return undefined;
    };

    /** Unsafe sub-expressions of shown text (empty when it is proven safe). */
    function textProblems(node, depth = 0, memo = new Map()) {
      node = unwrap(node);
      if (!node || depth > MAX_DEPTH) return node ? [node] : [];
      const all = (nodes) => nodes.flatMap((child) => textProblems(child, depth + 1, memo));
      switch (node.type) {
        case 'Literal':
          return [];
        case 'TemplateLiteral':
          return all(node.expressions);
        case 'ConditionalExpression':
          return all([node.consequent, node.alternate]);
        case 'LogicalExpression':
          return all([node.left, node.right]);
        case 'BinaryExpression':
          return node.operator === '+' ? all([node.left, node.right]) : [];
        case 'UnaryExpression':
        case 'UpdateExpression':
          return [];
        case 'ArrowFunctionExpression':
        case 'FunctionExpression':
          // A function returning shown text (a validator): what it returns.
          return all(returnedExpressions(node));
        case 'ArrayExpression':
          return all(node.elements.filter(Boolean));
        case 'SpreadElement':
        case 'AwaitExpression':
          return textProblems(node.argument, depth + 1, memo);
        case 'Identifier': {
          if (node.name === 'undefined' || safeType(typeOf(node))) return [];
          const constant = constantOf(node);
          if (constant) {
            return proven(memo, `text:${constant.key}`, () => [constant.init, ...constant.added].flatMap((part) => textProblems(part, depth + 1, memo))) ? [] : [node];
          }
          return isTrustedParameter(node) ? [] : [node];
        }
        case 'CallExpression': {
          const callee = unwrap(node.callee);
          const name = nameOf(callee);
          if (callee.type === 'Identifier' && HELPERS.has(name)) return [];
          if (isL10nCall(callee)) {
            const [first, ...rest] = node.arguments;
            const args = first?.type === 'ObjectExpression'
              ? first.properties.filter((p) => p.type === 'Property' && nameOf(p.key) === 'args').map((p) => p.value)
              : rest;
            return all(args);
          }
          if (callee.type === 'Identifier' && name === 'String') return all(node.arguments);
          if (isTemplateCall(callee)) return all(node.arguments);
          if (callee.type === 'MemberExpression' && PASS_THROUGH_METHODS.has(name)) {
            return all([callee.object, ...node.arguments.filter((arg) => arg.type !== 'ArrowFunctionExpression' && arg.type !== 'FunctionExpression')]);
          }
          if (callee.type === 'MemberExpression' && name === 'map') {
            const mapper = localFunction(node.arguments[0]);
            return mapper ? all(returnedExpressions(mapper)) : [node];
          }
          if (safeType(typeOf(node)) || taggedLiteralText(callee)) return [];
          const local = localFunction(callee);
          if (local) {
            return proven(memo, `returns:${local.range}`, () => all(returnedExpressions(local))) ? [] : [node];
          }
          return [node];
        }
        case 'MemberExpression':
          // A property of a trusted parameter (a wrapper's options): its callers' objects are checked.
          return safeType(typeOf(node)) || isTrustedParameter(rootOf(node)) ? [] : [node];
        default:
          return safeType(typeOf(node)) ? [] : [node];
      }
    }

    /** Unsafe parts of an options object or a quick-pick item: its shown properties, its items, its search results. */
    function optionsProblems(node, depth = 0, memo = new Map()) {
      node = unwrap(node);
      if (!node || depth > MAX_DEPTH) return node ? [node] : [];
      switch (node.type) {
        case 'ObjectExpression':
          return node.properties.flatMap((property) => {
            if (property.type === 'SpreadElement') return optionsProblems(property.argument, depth + 1, memo);
            const key = nameOf(property.key);
            if (property.computed || key === undefined) return [];
            if (TEXT_KEYS.has(key)) return textProblems(property.value, depth + 1, memo);
            if (key === 'items') return itemsProblems(property.value, depth + 1, memo);
            if (key === 'search' || key === 'validateInput') return producerProblems(property.value, key === 'search' ? itemsProblems : textProblems, depth + 1, memo);
            return [];
          });
        case 'ConditionalExpression':
          return [...optionsProblems(node.consequent, depth + 1, memo), ...optionsProblems(node.alternate, depth + 1, memo)];
        case 'Identifier': {
          if (node.name === 'undefined') return [];
          const constant = constantOf(node);
          if (constant) {
            return proven(memo, `options:${constant.key}`, () => optionsProblems(constant.init, depth + 1, memo)) ? [] : [node];
          }
          return isTrustedParameter(node) ? [] : [node];
        }
        default:
          return [node];
      }
    }

    /** Unsafe parts of what a function given as an option (`search`, `validateInput`) returns. */
    function producerProblems(node, problemsOf, depth, memo) {
      node = unwrap(node);
      if (!node || node.type === 'Literal' || (node.type === 'Identifier' && node.name === 'undefined')) return [];
      if (node.type === 'ConditionalExpression') return [node.consequent, node.alternate].flatMap((branch) => producerProblems(branch, problemsOf, depth + 1, memo));
      if (node.type === 'CallExpression' && taggedLiteralText(unwrap(node.callee))) return []; // a validator factory
      const fn = localFunction(node);
      return fn ? returnedExpressions(fn).flatMap((value) => problemsOf(value, depth + 1, memo)) : [node];
    }

    /** Unsafe parts of a list of quick-pick items. */
    function itemsProblems(node, depth = 0, memo = new Map()) {
      node = unwrap(node);
      if (!node || depth > MAX_DEPTH) return node ? [node] : [];
      switch (node.type) {
        case 'ArrayExpression':
          return node.elements.filter(Boolean).flatMap((element) => (element.type === 'SpreadElement'
            ? itemsProblems(element.argument, depth + 1, memo)
            : optionsProblems(element, depth + 1, memo)));
        case 'ConditionalExpression':
          return [...itemsProblems(node.consequent, depth + 1, memo), ...itemsProblems(node.alternate, depth + 1, memo)];
        case 'AwaitExpression':
          return itemsProblems(node.argument, depth + 1, memo);
        case 'CallExpression': {
          const callee = unwrap(node.callee);
          const name = nameOf(callee);
          if (callee.type === 'MemberExpression' && name === 'map') {
            const mapper = localFunction(node.arguments[0]);
            return mapper ? returnedExpressions(mapper).flatMap((value) => optionsProblems(value, depth + 1, memo)) : [node];
          }
          if (callee.type === 'MemberExpression' && ARRAY_PASS_THROUGH.has(name)) {
            return [callee.object, ...(name === 'concat' ? node.arguments : [])].flatMap((part) => itemsProblems(part, depth + 1, memo));
          }
          if (symbolTagged(callee, 'literalItems')) return []; // its own returns are checked where it is declared
          return [node];
        }
        case 'Identifier': {
          const constant = constantOf(node);
          if (constant) {
            const pushedItems = (part) => (part.type === 'SpreadElement' ? itemsProblems(part.argument, depth + 1, memo) : optionsProblems(part, depth + 1, memo));
            return proven(memo, `items:${constant.key}`, () => [...itemsProblems(constant.init, depth + 1, memo), ...constant.added.flatMap(pushedItems)]) ? [] : [node];
          }
          return isTrustedParameter(node) ? [] : [node];
        }
        default:
          return [node];
      }
    }

    const check = (problems, surface) => {
      for (const problem of problems) report(problem, surface);
    };
    const checkText = (node, surface) => node && check(textProblems(node), surface);
    const checkOptions = (node, surface) => node && check(optionsProblems(node), surface);
    const checkItems = (node, surface) => node && check(itemsProblems(node), surface);
    const checkAs = (kind, node, surface) => (kind === 'options' ? checkOptions : kind === 'items' ? checkItems : checkText)(node, surface);

    return {
      CallExpression(node) {
        const callee = unwrap(node.callee);
        const name = nameOf(callee);
        const args = node.arguments;
        if (callee.type === 'MemberExpression') {
          if (MESSAGE_FUNCTIONS.has(name)) {
            for (const arg of args) {
              if (unwrap(arg)?.type === 'ObjectExpression') {
                for (const property of unwrap(arg).properties) {
                  if (property.type === 'Property' && ['detail', 'title'].includes(nameOf(property.key))) checkText(property.value, `${name} (${nameOf(property.key)})`);
                }
              } else {
                checkText(arg, name);
              }
            }
            return;
          }
          if (name === 'withProgress') return checkOptions(args[0], 'withProgress');
          if (name === 'report' && /progress/i.test(nameOf(callee.object) ?? '')) return checkOptions(args[0], 'progress.report');
          if (name === 'setStatusBarMessage') return checkText(args[0], 'setStatusBarMessage');
          if (name === 'showQuickPick') {
            checkItems(args[0], 'showQuickPick');
            return checkOptions(args[1], 'showQuickPick');
          }
          if (name === 'showInputBox') return checkOptions(args[0], 'showInputBox');
          if (name === 'appendMarkdown') return checkText(args[0], 'MarkdownString.appendMarkdown');
          if (name === 'show' && nameOf(callee.object) === 'documents') return checkText(args[2], 'a Markdown document');
          if (isPrompter(callee.object)) {
            const surface = `prompter.${name}`;
            switch (name) {
              case 'info': case 'warn': case 'error': case 'confirm': case 'modal': case 'chooseFile':
                return args.forEach((arg) => (unwrap(arg)?.type === 'ObjectExpression' ? undefined : checkText(arg, surface)));
              case 'pick':
                checkItems(args[0], surface);
                return checkOptions(args[1], surface);
              case 'input': case 'search': case 'searchMany':
                return checkOptions(args[0], surface);
              default:
                return undefined;
            }
          }
        }
        const wrapper = wrappers.get(name);
        if (wrapper) {
          wrapper.params.forEach((index) => checkAs(wrapper.kind ?? 'text', args[index], `${name}()`));
        }
      },
      NewExpression(node) {
        if (nameOf(unwrap(node.callee)) === 'MarkdownString') checkText(node.arguments[0], 'new MarkdownString');
      },
      AssignmentExpression(node) {
        const target = node.left;
        if (target.type !== 'MemberExpression' || !ASSIGNED_TEXT.has(nameOf(target)) && nameOf(target) !== 'items') return;
        const symbol = typeOf(target.object)?.getSymbol();
        if (!symbol || !SHOWING_TYPES.has(symbol.getName())) return;
        if (nameOf(target) === 'items') checkItems(node.right, `${symbol.getName()}.items`);
        else checkText(node.right, `${symbol.getName()}.${nameOf(target)}`);
      },
      'FunctionDeclaration, FunctionExpression, ArrowFunctionExpression'(node) {
        if (hasLiteralTextTag(node) || isTemplateFunction(node)) {
          for (const value of returnedExpressions(node)) check(textProblems(value), `the @literalText function ${functionName(node) ?? ''}`.trim());
        }
        if (hasTag(node, 'literalItems')) {
          for (const value of returnedExpressions(node)) check(itemsProblems(value), `the @literalItems function ${functionName(node) ?? ''}`.trim());
        }
      },
    };
  },
};
