import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The oldest Java the language server runs on (it is compiled for release 17). */
export const MINIMUM_JAVA = 17;

export interface Java {
  executable: string;
  version: number;
}

/** Why no usable Java was found, phrased for the user, with where it looked. */
export class JavaNotFound extends Error {}

/**
 * The Java that runs the server: the `pmdl.java.home` setting, else JAVA_HOME, else `java` on PATH. The first
 * place that is set decides, so a wrong setting is reported rather than silently passed over.
 */
export function findJava(configuredHome: string, env: NodeJS.ProcessEnv = process.env): Java {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  let executable: string;
  let origin: string;
  if (configuredHome.trim()) {
    executable = path.join(configuredHome.trim(), 'bin', exe);
    origin = `the setting pmdl.java.home (${configuredHome.trim()})`;
  } else if (env.JAVA_HOME) {
    executable = path.join(env.JAVA_HOME, 'bin', exe);
    origin = `JAVA_HOME (${env.JAVA_HOME})`;
  } else {
    executable = onPath(exe, env.PATH ?? '') ?? '';
    origin = 'PATH';
    if (!executable) {
      throw new JavaNotFound(`no \`java\` on PATH`);
    }
  }
  if (!fs.existsSync(executable)) {
    throw new JavaNotFound(`${origin} has no ${path.join('bin', exe)}`);
  }
  const version = javaVersion(executable);
  if (version === undefined) {
    throw new JavaNotFound(`${executable} (from ${origin}) did not say its version`);
  }
  if (version < MINIMUM_JAVA) {
    throw new JavaNotFound(`${executable} (from ${origin}) is Java ${version}`);
  }
  return { executable, version };
}

function onPath(exe: string, searchPath: string): string | undefined {
  return searchPath.split(path.delimiter).filter(Boolean).map(dir => path.join(dir, exe))
    .find(candidate => fs.existsSync(candidate));
}

/** The feature release `java -version` prints: `version "17.0.15"` → 17, `version "1.8.0_392"` → 8. */
export function javaVersion(executable: string): number | undefined {
  const probe = spawnSync(executable, ['-version'], { encoding: 'utf8', timeout: 20000 });
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr ?? ''}${probe.stdout ?? ''}`);
  if (!match) {
    return undefined;
  }
  const major = Number(match[1]);
  return major === 1 && match[2] ? Number(match[2]) : major;
}
