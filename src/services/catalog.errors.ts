import { defineErrors, fixed } from '../errors.js'

// A customer's item catalog, edited by hand on the customer hub.
export const CatalogErrors = defineErrors('catalog', {
  notFound: fixed(404, 'catalog.not_found', 'No such item in this customer’s catalog'),
  duplicate: fixed(
    409,
    'catalog.duplicate',
    'This customer already has that piece (same description, material, color and size)',
  ),
})
