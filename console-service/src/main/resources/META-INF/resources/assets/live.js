// Live updates of the request list: one EventSource per cluster the page lists, fed by the console from intake's
// watch with the signed-in user's token. Every value is written as text (textContent, text nodes): nothing a request
// says is ever parsed as HTML.
(function () {
  'use strict';

  var rows = document.getElementById('request-rows');
  var status = document.getElementById('live-status');
  var empty = document.getElementById('empty-note');
  var pendingCount = document.getElementById('pending-count');
  var sources = document.querySelectorAll('#live-sources li');
  if (!rows || !status) {
    return;
  }
  var connected = 0;
  var stopped = false;

  function setStatus(state, text) {
    status.dataset.state = state;
    status.textContent = text;
  }

  // Compared as strings, not through a CSS selector, so that no name needs escaping.
  function findRow(key) {
    for (var i = 0; i < rows.rows.length; i++) {
      if (rows.rows[i].dataset.key === key) {
        return rows.rows[i];
      }
    }
    return null;
  }

  function cell(label, content) {
    var td = document.createElement('td');
    td.dataset.label = label;
    td.append(content);
    return td;
  }

  function text(value) {
    return document.createTextNode(value == null ? '' : String(value));
  }

  function build(row) {
    var tr = document.createElement('tr');
    tr.dataset.key = row.key;
    var link = document.createElement('a');
    link.className = 'request-link';
    link.href = row.href;
    link.textContent = row.name;
    var age = document.createElement('time');
    age.dateTime = row.created;
    age.textContent = row.age;
    var badge = document.createElement('span');
    badge.className = 'badge ' + row.stateClass;
    badge.textContent = row.stateLabel;
    tr.append(cell('Name', link), cell('Cluster', text(row.cluster)), cell('Signer', text(row.signer)),
      cell('Requester', text(row.requester)), cell('Age', age), cell('State', badge));
    return tr;
  }

  function counted() {
    empty.hidden = rows.rows.length > 0;
    pendingCount.textContent = String(rows.querySelectorAll('.badge.state-pending').length);
  }

  function upsert(row) {
    var fresh = build(row);
    fresh.classList.add('just-changed');
    var existing = findRow(row.key);
    if (existing) {
      existing.replaceWith(fresh);
    } else {
      rows.prepend(fresh);
    }
    counted();
  }

  function remove(key) {
    var existing = findRow(key);
    if (existing) {
      existing.remove();
      counted();
    }
  }

  function stop(why) {
    stopped = true;
    setStatus('stopped', why);
  }

  if (sources.length === 0) {
    setStatus('off', 'No live updates');
    return;
  }
  sources.forEach(function (source) {
    var events = new EventSource(source.dataset.events);
    var open = false;
    events.addEventListener('open', function () {
      if (!open) {
        open = true;
        connected++;
      }
      if (!stopped && connected === sources.length) {
        setStatus('live', 'Live');
      }
    });
    events.addEventListener('upsert', function (event) {
      upsert(JSON.parse(event.data));
    });
    events.addEventListener('remove', function (event) {
      remove(event.data);
    });
    events.addEventListener('stopped', function (event) {
      events.close();
      stop(event.data);
    });
    events.addEventListener('error', function () {
      if (open) {
        open = false;
        connected--;
      }
      if (stopped) {
        return;
      }
      if (events.readyState === EventSource.CLOSED) {
        stop('Live updates stopped; reload the page.');
      } else {
        setStatus('connecting', 'Reconnecting…');
      }
    });
  });
}());
