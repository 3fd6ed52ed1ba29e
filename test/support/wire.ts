// Every test file runs with Onset wired as the composition root wires it (src/app/compose.ts), so a
// service called directly runs its safety rules exactly as it does behind the API.
import { wireServices } from '../../src/app/compose.js';

wireServices();
