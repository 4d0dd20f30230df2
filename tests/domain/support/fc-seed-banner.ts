// vitest global setup of the domain project: prints the fast-check seed once per run (the setup file
// fc-seed.ts applies it in every worker).
import { domainSeed } from './fc-seed';

export default function printSeed(): void {
  console.log(
    `fast-check seed ${domainSeed()} (domain project; another: GREENLINE_FC_SEED=<integer> npx vitest run --project domain)`,
  );
}
