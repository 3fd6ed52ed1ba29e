// Runs the CLI from source (tests and development); the installed `onset` command runs the compiled dist/.
import { main } from './main.js';

process.exitCode = await main(process.argv);
