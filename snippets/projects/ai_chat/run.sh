# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:env]
export CHAT_API_KEY="..."  # your key for the chat API; never commit it
export CHAT_MODEL="..."    # a model name that API serves
export CHAT_BASE_URL="https://api.openai.com/v1"
export CHAT_ALLOWED_ORIGINS="http://127.0.0.1:3000"  # the Next.js page
# --8<-- [end:env]
# --8<-- [start:serve]
uvicorn --factory projects.ai_chat.main:create_app --port "${PORT:-8000}"
# --8<-- [end:serve]
# Then, in another shell, from snippets/projects/ai_chat/client/:
# --8<-- [start:client]
npm ci
export NEXT_TELEMETRY_DISABLED=1  # Next.js sends no usage data
NEXT_PUBLIC_CHAT_SERVICE_URL="http://127.0.0.1:8000" npm run build
npm start -- --hostname 127.0.0.1 --port "${PORT:-3000}"
# --8<-- [end:client]
