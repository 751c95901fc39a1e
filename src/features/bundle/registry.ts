/* The bundle sections, in import order: a section may refer to the ones before it. */
import { usersBundle } from '../accounts/accounts.bundle.js';
import { unitsBundle } from '../units/units.bundle.js';
import { BundleRegistry } from './bundle.service.js';

export const bundle = new BundleRegistry().add(unitsBundle).add(usersBundle);
