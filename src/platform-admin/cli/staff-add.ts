import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../config/app-config';
import { Database } from '../../infrastructure/database/database';
import { passwordProblem } from '../../identity/passwords';
import { addStaff } from '../console.service';

// `STAFF_EMAIL=… STAFF_NAME=… STAFF_PASSWORD=… npm run staff:add`: creates a
// platform staff account (as the owner: the app role cannot write staff).
async function main(): Promise<number> {
  const config = loadConfig({ LOG_LEVEL: 'warn', ...process.env });
  const { STAFF_EMAIL: email, STAFF_NAME: name, STAFF_PASSWORD: password } = process.env;
  if (!email || !name || !password) {
    process.stderr.write('Set STAFF_EMAIL, STAFF_NAME and STAFF_PASSWORD.\n');
    return 1;
  }
  const problem = passwordProblem(password);
  if (problem) {
    process.stderr.write(`STAFF_PASSWORD is ${problem.replace('_', ' ')}.\n`);
    return 1;
  }
  const db = await Database.open(config, { migrate: false });
  try {
    const created = await addStaff(db, { email, name, password });
    process.stdout.write(
      created ? `Staff account ${email} created.\n` : `${email} already exists.\n`,
    );
    return created ? 0 : 1;
  } finally {
    await db.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    process.stderr.write(
      err instanceof ConfigError
        ? `${err.message}\n`
        : `staff:add failed: ${(err as Error).message}\n`,
    );
    process.exit(1);
  });
