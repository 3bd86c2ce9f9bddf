import assert from 'node:assert/strict';
import { parseMembershipFile } from '../../../src/bulkFiles/parseMembershipFile';
import { type MembershipRow, type ParsedMembershipFile, type RowProblem, describeRowProblem } from '../../../src/bulkFiles/rows';

const lines = (...rows: string[]): string => rows.join('\n') + '\n';
const described = (parsed: ParsedMembershipFile): string[] => parsed.problems.map(describeRowProblem);
/** Rows without their line numbers, for comparing what was read. */
const content = (rows: MembershipRow[]): Array<Omit<MembershipRow, 'line'>> => rows.map(({ line: _line, ...rest }) => rest);

describe('parseMembershipFile: CSV', () => {
  it('reads user_email + organization_name rows with their line numbers', () => {
    const parsed = parseMembershipFile(lines('user_email,organization_name', 'jane@example.com,Acme', 'bob@example.com,Globex'), 'm.csv', 'add');
    assert.equal(parsed.format, 'csv');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [
      { line: 2, user: { email: 'jane@example.com' }, organization: { name: 'Acme' } },
      { line: 3, user: { email: 'bob@example.com' }, organization: { name: 'Globex' } },
    ]);
  });

  describe('every column alias, matched ignoring case', () => {
    const cases: Array<[string, string, Omit<MembershipRow, 'line'>]> = [
      ['user_id,organization_id', '11,22', { user: { id: 11 }, organization: { id: 22 } }],
      ['user_email,organization_id', 'a@x.io,22', { user: { email: 'a@x.io' }, organization: { id: 22 } }],
      ['email,organization_id', 'a@x.io,22', { user: { email: 'a@x.io' }, organization: { id: 22 } }],
      ['user,organization_id', '11,22', { user: { id: 11 }, organization: { id: 22 } }],
      ['user,organization_id', 'a@x.io,22', { user: { email: 'a@x.io' }, organization: { id: 22 } }],
      ['user_id,organization_name', '11,Acme Inc', { user: { id: 11 }, organization: { name: 'Acme Inc' } }],
      ['user_id,organization', '11,22', { user: { id: 11 }, organization: { id: 22 } }],
      ['user_id,organization', '11,Acme', { user: { id: 11 }, organization: { name: 'Acme' } }],
      ['user_id,organization_external_id', '11,CRM-7', { user: { id: 11 }, organization: { externalId: 'CRM-7' } }],
      ['user_id,external_id', '11,CRM-7', { user: { id: 11 }, organization: { externalId: 'CRM-7' } }],
      ['USER_ID,Organization_ID', '11,22', { user: { id: 11 }, organization: { id: 22 } }],
      ['User Email,Organization Name', 'a@x.io,Acme', { user: { email: 'a@x.io' }, organization: { name: 'Acme' } }],
      ['userEmail,organizationExternalId', 'a@x.io,7', { user: { email: 'a@x.io' }, organization: { externalId: '7' } }],
      ['user_id,organization_id,default', '11,22,true', { user: { id: 11 }, organization: { id: 22 }, makeDefault: true }],
    ];
    for (const [header, row, expected] of cases) {
      it(`${header} / ${row}`, () => {
        const parsed = parseMembershipFile(lines(header, row), 'm.csv', 'add');
        assert.deepEqual(parsed.problems, []);
        assert.deepEqual(content(parsed.rows), [expected]);
      });
    }

    it('membership_id (remove files) and unknown columns, which are ignored', () => {
      const parsed = parseMembershipFile(lines('Membership_ID,notes', '380000000011,left the company'), 'm.csv', 'remove');
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.rows, [{ line: 2, membershipId: 380000000011 }]);
    });
  });

  it('reads default as true/false/yes/no/1/0/empty, and refuses anything else', () => {
    const parsed = parseMembershipFile(lines('user_id,organization_id,default',
      '1,9,true', '2,9,FALSE', '3,9,yes', '4,9,No', '5,9,1', '6,9,0', '7,9,', '8,9,maybe'), 'm.csv', 'add');
    assert.deepEqual(parsed.rows.map((row) => row.makeDefault), [true, false, true, false, true, false, undefined]);
    assert.deepEqual(described(parsed), ['line 9: default "maybe" is not true or false (use true, false, yes, no, 1, 0, or leave it empty)']);
    assert.equal(parsed.problems[0].field, 'default');
  });

  it('handles a BOM, CRLF, blank lines, quoted fields (commas, doubled quotes, line breaks) with exact lines', () => {
    const text = '\uFEFFuser_email,organization_name,default\r\n'
      + '\r\n'
      + 'jane@example.com,"Acme, Inc.",yes\r\n'
      + '"bob@example.com","The ""Best"" Co",\r\n'
      + '\r\n'
      + '\r\n'
      + 'carol@example.com,"Multi\r\nLine Org",no\r\n'
      + 'bob@,Acme,\r\n'
      + '  dave@example.com  ,  Globex  ,  1  ';
    const parsed = parseMembershipFile(text, 'm.csv', 'add');
    assert.deepEqual(parsed.rows, [
      { line: 3, user: { email: 'jane@example.com' }, organization: { name: 'Acme, Inc.' }, makeDefault: true },
      { line: 4, user: { email: 'bob@example.com' }, organization: { name: 'The "Best" Co' } },
      { line: 7, user: { email: 'carol@example.com' }, organization: { name: 'Multi\nLine Org' }, makeDefault: false },
      { line: 10, user: { email: 'dave@example.com' }, organization: { name: 'Globex' }, makeDefault: true },
    ]);
    assert.deepEqual(described(parsed), ['line 9: user_email "bob@" is not an email address']);
    assert.deepEqual(parsed.problems[0], { line: 9, field: 'user_email', message: 'user_email "bob@" is not an email address' });
  });

  it('keeps a lone CR as a line break', () => {
    const parsed = parseMembershipFile('user_id,organization_id\r1,2\r\r3,x\r', 'm.csv', 'add');
    assert.deepEqual(parsed.rows, [{ line: 2, user: { id: 1 }, organization: { id: 2 } }]);
    assert.deepEqual(described(parsed), ['line 4: organization_id "x" is not a Zendesk id (a positive whole number)']);
  });

  it('detects ; and tab delimiters from the header', () => {
    const semicolons = parseMembershipFile(lines('user_email;organization_name;default', 'a@x.io;"Acme; Ltd";yes'), 'm.csv', 'add');
    assert.deepEqual(content(semicolons.rows), [{ user: { email: 'a@x.io' }, organization: { name: 'Acme; Ltd' }, makeDefault: true }]);
    const tabs = parseMembershipFile(lines('user_id\torganization_id', '5\t6', '7\t8'), 'm.tsv', 'add');
    assert.deepEqual(content(tabs.rows), [{ user: { id: 5 }, organization: { id: 6 } }, { user: { id: 7 }, organization: { id: 8 } }]);
    const commaInQuotes = parseMembershipFile(lines('"user;email",organization_id', '1,2'), 'm.csv', 'add');
    assert.equal(commaInQuotes.problems.length, 1, 'the ; inside quotes does not count: the header has no user column');
  });

  it('names the line and column of every bad value, and keeps the good rows', () => {
    const parsed = parseMembershipFile(lines(
      'user_id,user_email,organization_id,organization_name',
      '12,,34,',
      'x12,,34,',
      ',bob@,34,',
      ',jane@example.com,-5,',
      ',,34,',
      '12,,,',
      ',jane@example.com,,Acme',
      ',not an email,,',
    ), 'm.csv', 'add');
    assert.deepEqual(parsed.rows.map((row) => row.line), [2, 8]);
    assert.deepEqual(described(parsed), [
      'line 3: user_id "x12" is not a Zendesk id (a positive whole number)',
      'line 4: user_email "bob@" is not an email address',
      'line 5: organization_id "-5" is not a Zendesk id (a positive whole number)',
      'line 6: no user: fill in user_id or user_email',
      'line 7: no organization: fill in organization_id, organization_name or organization_external_id',
      'line 9: user_email "not an email" is not an email address',
      'line 9: no organization: fill in organization_id, organization_name or organization_external_id',
    ]);
    assert.deepEqual(parsed.problems.map((p) => p.field), ['user_id', 'user_email', 'organization_id', undefined, undefined, 'user_email', undefined]);
  });

  it('refuses values of the "user" and "organization" columns that are neither ids nor emails/names', () => {
    const parsed = parseMembershipFile(lines('user,organization', 'bob@,Acme', '12,'), 'm.csv', 'add');
    assert.deepEqual(described(parsed), [
      'line 2: user "bob@" is neither a Zendesk user id nor an email address',
      'line 3: no organization: fill in organization_id, organization_name or organization_external_id',
    ]);
  });

  it('skips rows whose cells are all empty', () => {
    const parsed = parseMembershipFile(lines('user_id,organization_id', ',', ' , ', '1,2'), 'm.csv', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [{ line: 4, user: { id: 1 }, organization: { id: 2 } }]);
  });

  it('reports exact duplicates (same user and organization, ignoring case) on the later line', () => {
    const parsed = parseMembershipFile(lines(
      'user_email,organization_name,default',
      'jane@example.com,Acme,',
      'bob@example.com,Acme,',
      'JANE@example.com,ACME,yes',
      'jane@example.com,Globex,',
      'jane@example.com,acme,',
    ), 'm.csv', 'add');
    assert.deepEqual(parsed.rows.map((row) => row.line), [2, 3, 5]);
    assert.deepEqual(described(parsed), ['line 4: duplicate of line 2', 'line 6: duplicate of line 2']);
  });

  it('reports an unclosed quote at the line it opens, and still reads the rows before it', () => {
    const parsed = parseMembershipFile(lines('user_id,organization_name', '1,Acme', '2,"Globex', '3,Initech'), 'm.csv', 'add');
    assert.deepEqual(parsed.rows, [{ line: 2, user: { id: 1 }, organization: { name: 'Acme' } }]);
    assert.deepEqual(parsed.problems.map((p) => p.line), [3]);
    assert.match(parsed.problems[0].message, /quoted field is never closed/);
  });

  it('keeps a stray quote inside a bare field as text', () => {
    const parsed = parseMembershipFile(lines('user_id,organization_name', '1,Bob"s Shop'), 'm.csv', 'add');
    assert.deepEqual(content(parsed.rows), [{ user: { id: 1 }, organization: { name: 'Bob"s Shop' } }]);
  });

  describe('remove files', () => {
    it('take a membership_id, or a user and an organization', () => {
      const parsed = parseMembershipFile(lines(
        'membership_id,user_email,organization_id,default',
        '380000000011,,,',
        ',jane@example.com,22,maybe',
        ',jane@example.com,,',
        ',,22,',
        'abc,,,',
        '380000000011,bob@example.com,23,',
      ), 'm.csv', 'remove');
      assert.deepEqual(parsed.rows, [
        { line: 2, membershipId: 380000000011 },
        { line: 3, user: { email: 'jane@example.com' }, organization: { id: 22 } },
      ]);
      assert.deepEqual(described(parsed), [
        'line 4: no organization: fill in organization_id, organization_name or organization_external_id (or give a membership_id)',
        'line 5: no user: fill in user_id or user_email (or give a membership_id)',
        'line 6: membership_id "abc" is not a Zendesk id (a positive whole number)',
        'line 7: duplicate of line 2',
      ]);
    });

    it('need a membership_id column or user and organization columns', () => {
      const parsed = parseMembershipFile(lines('user_email,default', 'a@x.io,yes'), 'm.csv', 'remove');
      assert.equal(parsed.rows.length, 0);
      assert.equal(parsed.problems.length, 1);
      assert.equal(parsed.problems[0].line, 1);
      assert.match(parsed.problems[0].message, /needs an organization column \(organization_id, organization_name or organization_external_id\), or a membership_id column/);
    });

    it('ignore the default column, and add files ignore membership_id', () => {
      const remove = parseMembershipFile(lines('user_id,organization_id,default,membership_id', '1,2,maybe,'), 'm.csv', 'remove');
      assert.deepEqual(remove.problems, []);
      assert.deepEqual(content(remove.rows), [{ user: { id: 1 }, organization: { id: 2 } }]);
      const add = parseMembershipFile(lines('user_id,organization_id,default,membership_id', '1,2,yes,abc'), 'm.csv', 'add');
      assert.deepEqual(add.problems, []);
      assert.deepEqual(content(add.rows), [{ user: { id: 1 }, organization: { id: 2 }, makeDefault: true }]);
    });
  });

  describe('files that are not membership lists', () => {
    const expectOneProblemAtLine1 = (parsed: ParsedMembershipFile, pattern: RegExp): RowProblem => {
      assert.deepEqual(parsed.rows, []);
      assert.equal(parsed.problems.length, 1, JSON.stringify(parsed.problems));
      assert.equal(parsed.problems[0].line, 1);
      assert.match(parsed.problems[0].message, pattern);
      return parsed.problems[0];
    };

    it('plain text: says which columns are expected', () => {
      const problem = expectOneProblemAtLine1(parseMembershipFile('Dear team,\nplease add Jane to Acme.\n', 'notes.txt', 'add'), /names none of the known columns/);
      assert.match(problem.message, /user_id, user_email \(or email\), user, organization_id, organization_name \(or organization\), organization_external_id \(or external_id\), default, membership_id/);
    });

    it('data without a header row', () => {
      expectOneProblemAtLine1(parseMembershipFile(lines('jane@example.com,Acme', 'bob@example.com,Acme'), 'm.csv', 'add'), /Expected a header row/);
    });

    it('a header without an organization column (add)', () => {
      expectOneProblemAtLine1(parseMembershipFile(lines('user_email,notes', 'a@x.io,hi'), 'm.csv', 'add'),
        /A file of memberships to add needs an organization column \(organization_id, organization_name or organization_external_id\)/);
    });

    it('…which is fine when the caller names the organization', () => {
      const parsed = parseMembershipFile(lines('user_email', 'a@x.io', 'b@x.io'), 'm.csv', 'add', { defaultOrganizationId: 77 });
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(content(parsed.rows), [{ user: { email: 'a@x.io' }, organization: { id: 77 } }, { user: { email: 'b@x.io' }, organization: { id: 77 } }]);
    });

    it('empty and blank files', () => {
      expectOneProblemAtLine1(parseMembershipFile('', 'm.csv', 'add'), /The file is empty/);
      expectOneProblemAtLine1(parseMembershipFile('\uFEFF\r\n\r\n', 'm.csv', 'remove'), /The file is empty/);
    });

    it('binary data', () => {
      expectOneProblemAtLine1(parseMembershipFile('PK\u0003\u0004\u0000\u0000garbage\u0000', 'm.xlsx', 'add'), /not a CSV or JSON file/);
    });

    it('JSON of another shape, and broken JSON', () => {
      expectOneProblemAtLine1(parseMembershipFile('{"users": [{"id": 1}]}', 'm.json', 'add'), /Expected a JSON array of objects/);
      expectOneProblemAtLine1(parseMembershipFile('42', 'm.json', 'add'), /Expected a JSON array of objects/);
      expectOneProblemAtLine1(parseMembershipFile('user_id,organization_id\n1,2\n', 'm.json', 'add'), /This is not valid JSON/);
      const broken = parseMembershipFile('[\n  {"user_id": 1, "organization_id": 2},\n  {"user_id": 3 "organization_id": 4}\n]', 'm.json', 'add');
      assert.deepEqual(broken.rows, []);
      assert.deepEqual(described(broken), [
        'line 3: This is not valid JSON (comma expected at line 3). Expected a JSON array of objects such as [{"user_email": "jane@example.com", "organization_name": "Acme"}], or {"organization_memberships": [...]}.',
      ]);
    });

    it('never throws, whatever it is given', () => {
      let seed = 42;
      const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const alphabet = ['a', '1', ',', ';', '\t', '"', '\n', '\r', '@', '.', '{', '}', '[', ']', ':', ' ', 'user_id', 'organization_name', 'email', '\uFEFF', '\u0000', 'é', '💥'];
      for (let i = 0; i < 300; i++) {
        const text = Array.from({ length: Math.floor(random() * 60) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
        for (const purpose of ['add', 'remove'] as const) {
          for (const name of ['f.csv', 'f.json', 'f']) {
            const parsed = parseMembershipFile(text, name, purpose);
            assert.ok(parsed.problems.every((p) => Number.isInteger(p.line) && p.line >= 1), JSON.stringify({ text, problems: parsed.problems }));
            assert.ok(parsed.rows.every((row) => row.line >= 1));
          }
        }
      }
      assert.doesNotThrow(() => parseMembershipFile(undefined as unknown as string, 'x.csv', 'add'));
    });
  });
});

describe('parseMembershipFile: JSON', () => {
  it('reads an array of objects with snake_case or camelCase keys, each with the line it starts on', () => {
    const text = [
      '[',
      '  {',
      '    "user_email": "jane@example.com",',
      '    "organization_name": "Acme",',
      '    "default": true',
      '  },',
      '  { "userId": 11, "organizationId": "22", "makeDefault": "no" },',
      '  { "user": 12, "organization": 23 },',
      '  { "user": "bob@example.com", "organization": "Globex" },',
      '  { "email": "carol@example.com", "externalId": "CRM-1" },',
      '  { "user_id": "13", "organization_external_id": 4711 }',
      ']',
    ].join('\n');
    const parsed = parseMembershipFile(text, 'm.json', 'add');
    assert.equal(parsed.format, 'json');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [
      { line: 2, user: { email: 'jane@example.com' }, organization: { name: 'Acme' }, makeDefault: true },
      { line: 7, user: { id: 11 }, organization: { id: 22 }, makeDefault: false },
      { line: 8, user: { id: 12 }, organization: { id: 23 } },
      { line: 9, user: { email: 'bob@example.com' }, organization: { name: 'Globex' } },
      { line: 10, user: { email: 'carol@example.com' }, organization: { externalId: 'CRM-1' } },
      { line: 11, user: { id: 13 }, organization: { externalId: '4711' } },
    ]);
  });

  it('ignores keys it does not know, whatever their values (an exported status and reason, notes)', () => {
    const text = '[{ "user_id": 11, "organization_id": 21, "user_name": "Ann", "status": "failed", "reason": { "error": "x" }, "notes": [1, 2] }]';
    const parsed = parseMembershipFile(text, 'm.json', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [{ line: 1, user: { id: 11 }, organization: { id: 21 } }]);
  });

  it('reads Zendesk\'s own {"organization_memberships": [...]}, where id is the membership id', () => {
    const text = JSON.stringify({
      organization_memberships: [
        { id: 380000000011, user_id: 372000000034, organization_id: 360000000013, organization_name: 'Acme', default: null, url: 'https://x.zendesk.com/…' },
        { id: 380000000022, user_id: 372000000051, organization_id: 360000000013, organization_name: 'Acme', default: true },
      ],
      next_page: null,
    }, null, 2);
    const parsed = parseMembershipFile(text, 'export.json', 'remove');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows, [
      { line: 3, membershipId: 380000000011, user: { id: 372000000034 }, organization: { id: 360000000013, name: 'Acme' } },
      { line: 11, membershipId: 380000000022, user: { id: 372000000051 }, organization: { id: 360000000013, name: 'Acme' } },
    ]);
    const asAdd = parseMembershipFile(text, 'export.json', 'add');
    assert.deepEqual(asAdd.rows.map((row) => row.membershipId), [undefined, undefined]);
    assert.deepEqual(asAdd.rows.map((row) => row.makeDefault), [undefined, true]);
  });

  it('in a plain array, id is not a membership id', () => {
    const parsed = parseMembershipFile('[{"id": 5, "user_id": 1, "organization_id": 2}]', 'm.json', 'remove');
    assert.deepEqual(content(parsed.rows), [{ user: { id: 1 }, organization: { id: 2 } }]);
  });

  it('names the line of the bad value, and of items that are not objects', () => {
    const text = [
      '[',
      '  {',
      '    "user_id": 1,',
      '    "user_email": "bob@",',
      '    "organization_id": 2',
      '  },',
      '  "jane@example.com",',
      '  { "user_id": 1.5, "organization_id": [3] },',
      '  { "user_id": 9007199254740993, "organization_name": "Acme", "default": "sometimes" },',
      '  { "user_id": null, "organization_id": 3 },',
      '  { "notes": "nothing useful" },',
      '  { "user_id": 4, "organization_id": 5 }',
      ']',
    ].join('\n');
    const parsed = parseMembershipFile(text, 'm.json', 'add');
    assert.deepEqual(parsed.rows, [{ line: 12, user: { id: 4 }, organization: { id: 5 } }]);
    assert.deepEqual(described(parsed), [
      'line 4: user_email "bob@" is not an email address',
      'line 7: item 2 is not an object; expected {"user_email": …, "organization_name": …}',
      'line 8: user_id 1.5 is not a Zendesk id (a positive whole number)',
      'line 8: organization_id [] is not a Zendesk id (a positive whole number)',
      'line 9: user_id 9007199254740992 is not a Zendesk id (a positive whole number)',
      'line 9: default "sometimes" is not true or false (use true, false, yes, no, 1, 0, or leave it empty)',
      'line 10: no user: fill in user_id or user_email',
      'line 11: no user: fill in user_id or user_email',
      'line 11: no organization: fill in organization_id, organization_name or organization_external_id',
    ]);
  });

  it('accepts comments and trailing commas, a BOM and CRLF', () => {
    const text = '\uFEFF// memberships for the spring onboarding\r\n[\r\n  /* first */ {"user_id": 1, "organization_id": 2,},\r\n  {"user_id": 3, "organization_id": 4},\r\n]\r\n';
    const parsed = parseMembershipFile(text, 'm.jsonc', 'add');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.rows.map((row) => row.line), [3, 4]);
  });

  it('is recognised by content as well as by name', () => {
    assert.equal(parseMembershipFile('[{"user_id": 1, "organization_id": 2}]', 'members.txt', 'add').format, 'json');
    assert.equal(parseMembershipFile('user_id,organization_id\n1,2\n', 'members.txt', 'add').format, 'csv');
  });

  it('reports duplicates, and accepts {"memberships": [...]}', () => {
    const parsed = parseMembershipFile(JSON.stringify({ memberships: [
      { user_email: 'a@x.io', organization_name: 'Acme' },
      { user_email: 'A@X.IO', organization_name: 'acme', default: true },
    ] }, null, 1), 'm.json', 'add');
    assert.deepEqual(parsed.rows.map((row) => row.line), [3]);
    assert.deepEqual(described(parsed), ['line 7: duplicate of line 3']);
  });
});
