/**
 * What next-auth's error codes mean to the person signing in, in one place for the sign-in page (where
 * next-auth sends sign-in errors), its email form and the error page (where it sends the rest).
 */
const MESSAGES: Record<string, string> = {
  EmailSignin: "Could not send a sign-in link to this address. Check the email address and try again.",
  Verification: "This sign-in link is no longer valid: it was used already or it expired. Ask for a new one.",
  AccessDenied: "This account has no access to Preflight. Ask a team owner for an invitation.",
  OAuthAccountNotLinked: "This email is already linked to another sign-in method. Use that method.",
  Configuration: "Sign-in is not configured correctly on this server. Tell your Preflight administrator.",
};

export const SIGN_IN_ERROR_FALLBACK = "Something went wrong while signing you in. Try again.";

export function signInErrorMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return MESSAGES[code] ?? SIGN_IN_ERROR_FALLBACK;
}
