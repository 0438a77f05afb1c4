// Users and passwords: `requirepass` sets the default user's password, and ACL
// users (name, passwords, enabled) accept `AUTH user pass`.

export interface UserSpec {
  readonly name: string;
  /** Any of these passwords works; an empty list means `nopass`. */
  readonly passwords: readonly string[];
  readonly enabled?: boolean;
}

/**
 * Decides AUTH for one user instead of the stored passwords: tests use it for
 * credentials that change with time, such as IAM tokens. `undefined` falls back
 * to the stored passwords.
 */
export type PasswordVerifier = (user: string, password: string) => boolean | undefined;

export const WRONGPASS = "WRONGPASS invalid username-password pair or user is disabled.";

export class UserRegistry {
  private readonly users = new Map<string, UserSpec>();
  private defaultPassword = "";
  private verifier: PasswordVerifier | undefined;

  constructor(users: readonly UserSpec[] = []) {
    for (const user of users) this.users.set(user.name, user);
  }

  setRequirePass(password: string): void {
    this.defaultPassword = password;
  }

  setVerifier(verifier: PasswordVerifier | undefined): void {
    this.verifier = verifier;
  }

  upsert(user: UserSpec): void {
    this.users.set(user.name, user);
  }

  remove(name: string): boolean {
    return this.users.delete(name);
  }

  exists(name: string): boolean {
    return name === "default" || this.users.has(name);
  }

  /** Whether a fresh connection must authenticate (the default user has a password). */
  passwordRequired(): boolean {
    const explicitDefault = this.users.get("default");
    if (explicitDefault !== undefined)
      return explicitDefault.passwords.length > 0 || explicitDefault.enabled === false;
    return this.defaultPassword !== "";
  }

  /** Whether `AUTH <password>` has anything to check against. */
  defaultHasPassword(): boolean {
    return this.passwordRequired();
  }

  verify(name: string, password: string): boolean {
    const decided = this.verifier?.(name, password);
    if (decided !== undefined) return decided;
    if (name === "default" && !this.users.has("default")) {
      return this.defaultPassword === "" || password === this.defaultPassword;
    }
    const user = this.users.get(name);
    if (user === undefined || user.enabled === false) return false;
    return user.passwords.length === 0 || user.passwords.includes(password);
  }
}
