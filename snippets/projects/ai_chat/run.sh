# Run from the snippets/ folder of the guide, inside its environment (see the page).
# --8<-- [start:env]
export CHAT_API_KEY="..."  # your key for the chat API; never commit it
export CHAT_MODEL="..."    # a model name that API serves
export CHAT_BASE_URL="https://api.openai.com/v1"
export CHAT_ALLOWED_ORIGINS="http://localhost:3000"
# --8<-- [end:env]
# --8<-- [start:serve]
uvicorn --factory projects.ai_chat.main:create_app --port "${PORT:-8000}"
# --8<-- [end:serve]
# Then, in another shell, from snippets/projects/ai_chat/client/:
# --8<-- [start:client]
npm ci
npm run check
npm run build
CHAT_SERVICE_URL="http://127.0.0.1:${PORT:-8000}" node build/cli.js "Hello there"
# --8<-- [end:client]
