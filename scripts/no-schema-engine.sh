#!/bin/sh
echo "The native Prisma schema engine is not installed here. Use 'npm run migrate' (applies migrations offline) or 'npm run migration:new -- <name>' (creates one offline)." >&2
exit 1
